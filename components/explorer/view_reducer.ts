/**
 * Every change to the explorer's shareable view, as one reducer: the
 * island dispatches actions, and the rules (how a pick fills the ends, what
 * leaving the 70k set keeps) live here, testable without a browser.
 */
import type { EndRef, ViewState } from "./url_state.ts";

/** What can happen to the view. */
export type ViewAction =
  | { type: "patch"; patch: Partial<ViewState> }
  | { type: "t"; t: number }
  | { type: "pick"; end: EndRef }
  | { type: "swap" }
  | { type: "end"; key: "a" | "b"; end: EndRef | null }
  | { type: "restore"; view: ViewState }
  | { type: "set"; set: "test" | "all"; testCount: number };

const same = (x: EndRef | null, y: EndRef) => x !== null && JSON.stringify(x) === JSON.stringify(y);

/**
 * The view after `action`. "pick" fills the first empty end; once both are
 * set it changes nothing (the map then offers "Set as A / B", an "end" action).
 */
export function viewReducer(view: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case "patch":
      return { ...view, ...action.patch };
    case "t":
      // To the URL's precision, so that a link restores exactly the t it was made at.
      return { ...view, t: Math.round(Math.min(1, Math.max(0, action.t)) * 1000) / 1000 };
    case "pick": {
      const { end } = action;
      if (!view.a) return { ...view, a: end };
      if (!view.b) return same(view.a, end) ? view : { ...view, b: end, t: 0.5 };
      return view;
    }
    case "end": {
      const next = { ...view, [action.key]: action.end };
      // A new path starts in the middle; B equal to A is no path.
      if (next.a && next.b && JSON.stringify(next.a) === JSON.stringify(next.b)) return view;
      return next.a && next.b ? { ...next, t: 0.5 } : next;
    }
    case "restore":
      return { ...action.view, centre: view.centre, zoom: view.zoom };
    case "swap":
      return { ...view, a: view.b, b: view.a, t: 1 - view.t };
    case "set": {
      if (action.set === "all") return { ...view, set: "all" };
      // Training points vanish when going back to the test set; centroid ends stay.
      const keep = (e: EndRef | null) =>
        e && (e.kind !== "image" || e.index < action.testCount) ? e : null;
      return { ...view, set: "test", a: keep(view.a), b: keep(view.b) };
    }
  }
}
