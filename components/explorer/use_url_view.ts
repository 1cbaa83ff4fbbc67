/**
 * The explorer's view, kept in a reducer and mirrored into the URL
 * (replaceState: dragging must not flood history).
 */
import { useEffect, useReducer } from "preact/hooks";
import { formatView, parseView, type ViewState } from "./url_state.ts";
import { type ViewAction, viewReducer } from "./view_reducer.ts";

/** The view read from `query`, and its dispatch; `keepPerf` keeps `perf=1` in the URL. */
export function useUrlView(
  query: string,
  pointCount: number,
  keepPerf: boolean,
): [ViewState, (action: ViewAction) => void] {
  const [view, dispatch] = useReducer(
    viewReducer,
    null,
    () => parseView(new URLSearchParams(query), pointCount),
  );
  useEffect(() => {
    const id = setTimeout(() => {
      const params = new URLSearchParams(formatView(view));
      if (keepPerf) params.set("perf", "1");
      const q = params.toString();
      const url = `${location.pathname}${q ? `?${q}` : ""}`;
      if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
    }, 120);
    return () => clearTimeout(id);
  }, [view]);
  return [view, dispatch];
}
