/**
 * The explorer's view, kept in a reducer and mirrored into the URL. A new
 * path (either end changed) gets its own history entry, so Back undoes it;
 * everything else (t while dragging, zoom, projection) replaces the entry,
 * so dragging does not flood history. Back and Forward restore the view.
 */
import { useEffect, useReducer, useRef, useState } from "preact/hooks";
import { formatView, parseLink, type PointCounts, type ViewState } from "./url_state.ts";
import { type ViewAction, viewReducer } from "./view_reducer.ts";

/** The view, its dispatch, and the notes about what the opening link had to change. */
export interface UrlView {
  view: ViewState;
  dispatch(action: ViewAction): void;
  notes: string[];
  setNotes(notes: string[]): void;
}

/** The view read from `query`; `keepPerf` keeps `perf=1` in the URL. */
export function useUrlView(query: string, counts: PointCounts, keepPerf: boolean): UrlView {
  const opened = useRef<ReturnType<typeof parseLink> | null>(null);
  opened.current ??= parseLink(new URLSearchParams(query), counts);
  const [view, dispatch] = useReducer(viewReducer, opened.current.view);
  const [notes, setNotes] = useState(opened.current.notes);
  // The first write only tidies the opening link; later path changes push.
  const first = useRef(true);

  useEffect(() => {
    const id = setTimeout(() => {
      const params = new URLSearchParams(formatView(view));
      if (keepPerf) params.set("perf", "1");
      const q = params.toString();
      const url = `${location.pathname}${q ? `?${q}` : ""}`;
      if (url === `${location.pathname}${location.search}`) return;
      const path = `${params.get("a")}|${params.get("b")}`;
      const here = new URLSearchParams(location.search);
      const newPath = !first.current && path !== `${here.get("a")}|${here.get("b")}`;
      first.current = false;
      if (newPath) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }, 120);
    return () => clearTimeout(id);
  }, [view]);

  useEffect(() => {
    const onPop = () => {
      const { view: restored } = parseLink(new URLSearchParams(location.search), counts);
      // Keep the map where it is: Back undoes a path, not a pan.
      dispatch({ type: "restore", view: restored });
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  return { view, dispatch, notes, setNotes };
}
