import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DEFAULT_VIEW, type ViewState } from "./url_state.ts";
import { viewReducer } from "./view_reducer.ts";

const c = (digit: number) => ({ kind: "centroid" as const, digit });
const i = (index: number) => ({ kind: "image" as const, index });

Deno.test("viewReducer() fills A, then B (at t = 0.5), and ignores B equal to A", () => {
  let v: ViewState = { ...DEFAULT_VIEW, t: 0.2 };
  v = viewReducer(v, { type: "pick", end: c(3) });
  assertEquals([v.a, v.b, v.t], [c(3), null, 0.2]);
  assertEquals(viewReducer(v, { type: "pick", end: c(3) }), v);
  v = viewReducer(v, { type: "pick", end: i(42) });
  assertEquals([v.a, v.b, v.t], [c(3), i(42), 0.5]);
  // With a path, a pick (a click on the map) loses nothing; an explicit end replaces one.
  assertEquals(viewReducer(v, { type: "pick", end: c(8) }), v);
  const replaced = viewReducer({ ...v, t: 0.9 }, { type: "end", key: "a", end: c(8) });
  assertEquals([replaced.a, replaced.b, replaced.t], [c(8), i(42), 0.5]);
  assertEquals(viewReducer(v, { type: "end", key: "b", end: c(3) }), v);
});

Deno.test("viewReducer() restores a view from history but keeps the map's zoom", () => {
  const now = { ...DEFAULT_VIEW, a: c(1), b: c(0), centre: { x: 1, y: 2, k: 3 } };
  const back = viewReducer(now, { type: "restore", view: { ...DEFAULT_VIEW, a: c(1) } });
  assertEquals([back.a, back.b, back.centre], [c(1), null, { x: 1, y: 2, k: 3 }]);
});

Deno.test("viewReducer() clamps t, rounds it to the URL's precision, and swaps the ends with t mirrored", () => {
  const v = { ...DEFAULT_VIEW, a: c(1), b: c(7), t: 0.25 };
  assertEquals(viewReducer(v, { type: "t", t: 1.5 }).t, 1);
  assertEquals(viewReducer(v, { type: "t", t: -2 }).t, 0);
  assertEquals(viewReducer(v, { type: "t", t: 0.80049 }).t, 0.8);
  const swapped = viewReducer(v, { type: "swap" });
  assertEquals([swapped.a, swapped.b, swapped.t], [c(7), c(1), 0.75]);
});

Deno.test("viewReducer() drops training-point ends when going back to the test set", () => {
  const v: ViewState = { ...DEFAULT_VIEW, set: "all", a: i(12000), b: c(2) };
  const back = viewReducer(v, { type: "set", set: "test", testCount: 10000 });
  assertEquals([back.set, back.a, back.b], ["test", null, c(2)]);
  const kept = viewReducer({ ...v, a: i(9999) }, { type: "set", set: "test", testCount: 10000 });
  assertEquals(kept.a, i(9999));
});
