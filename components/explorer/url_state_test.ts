import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { DEFAULT_VIEW, formatView, parseView, type ViewState } from "./url_state.ts";

Deno.test("formatView() and parseView() round-trip a full view", () => {
  const view: ViewState = {
    a: { kind: "centroid", digit: 3 },
    b: { kind: "image", index: 1234 },
    t: 0.375,
    projection: "pca",
    set: "all",
    zoom: { k: 2.5, x: -120, y: 40 },
  };
  const query = formatView(view);
  assertEquals(query, "a=c3&b=i1234&t=0.375&proj=pca&set=all&z=2.5%2C-120%2C40");
  assertEquals(parseView(new URLSearchParams(query), 70000), view);
});

Deno.test("parseView() falls back to defaults for malformed values", () => {
  const params = new URLSearchParams("a=c12&b=i99999&t=NaN&proj=tsne&set=x&z=1,2");
  assertEquals(parseView(params, 10000), DEFAULT_VIEW);
});

Deno.test("parseView() clamps t into [0, 1] and bounds image indices by the point count", () => {
  const view = parseView(new URLSearchParams("a=i9999&b=i10000&t=7"), 10000);
  assertEquals(view.a, { kind: "image", index: 9999 });
  assertEquals(view.b, null);
  assertEquals(view.t, 1);
});

Deno.test("formatView() leaves defaults out of the URL", () => {
  assertEquals(formatView(DEFAULT_VIEW), "");
});
