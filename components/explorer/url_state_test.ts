import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { DEFAULT_VIEW, formatView, parseEnd, parseLink, type ViewState } from "./url_state.ts";

const counts = { testCount: 10000, trainCount: 60000 };
const parse = (query: string) => parseLink(new URLSearchParams(query), counts);

Deno.test("formatView() and parseLink() round-trip a full view, with no notes", () => {
  const view: ViewState = {
    a: { kind: "centroid", digit: 3 },
    b: { kind: "image", index: 1234 },
    t: 0.375,
    projection: "pca",
    set: "all",
    centre: { x: 2.5, y: -1.25, k: 3 },
    zoom: null,
    muddle: { digit: 7, seed: 4000000000 },
  };
  const query = formatView(view);
  assertEquals(
    query,
    "a=c3&b=i1234&t=0.375&proj=pca&set=all&c=2.5%2C-1.25%2C3&muddle=7&seed=4000000000",
  );
  assertEquals(parse(query), { view, notes: [] });
});

Deno.test("parseLink() still opens old links: a, b, t, proj, set and the pixel zoom z", () => {
  const { view, notes } = parse("a=c3&b=i1234&t=0.375&proj=pca&set=all&z=2.5,-120,40");
  assertEquals(notes, []);
  assertEquals(view.zoom, { k: 2.5, x: -120, y: 40 });
  assertEquals([view.a, view.b, view.t, view.projection, view.set], [
    { kind: "centroid", digit: 3 },
    { kind: "image", index: 1234 },
    0.375,
    "pca",
    "all",
  ]);
});

Deno.test("parseLink() falls back to defaults for malformed values, with a note for each", () => {
  const { view, notes } = parse("a=c12&b=i99999&t=NaN&proj=tsne&set=x&z=1,2&seed=-4");
  assertEquals(view, DEFAULT_VIEW);
  assertEquals(notes.length, 7, notes.join("\n"));
  assert(notes[0].includes("tsne") && notes.some((n) => n.includes("a=c12")), notes.join("\n"));
});

Deno.test("parseLink() clamps t and the zoom, saying so", () => {
  const { view, notes } = parse("a=i9999&b=c2&t=7&c=0,0,900");
  assertEquals([view.t, view.centre], [1, { x: 0, y: 0, k: 60 }]);
  assertEquals(notes.length, 2);
});

Deno.test("parseLink() shows all points for a training image, and drops B equal to A", () => {
  const training = parse("a=i65000&b=c9");
  assertEquals([training.view.set, training.view.a], ["all", { kind: "image", index: 65000 }]);
  assert(/training image/.test(training.notes[0]));
  const noTrain = parseLink(new URLSearchParams("a=i65000&b=c9"), {
    testCount: 10000,
    trainCount: 0,
  });
  assertEquals([noTrain.view.set, noTrain.view.a, noTrain.notes.length], ["test", null, 1]);
  const same = parse("a=c3&b=c3");
  assertEquals([same.view.a, same.view.b], [{ kind: "centroid", digit: 3 }, null]);
  assert(/same point/.test(same.notes[0]));
});

Deno.test("formatView() leaves defaults out of the URL", () => {
  assertEquals(formatView(DEFAULT_VIEW), "");
});

Deno.test("a latent end (a drawn digit) travels in the URL as l + its values, and bad ones are dropped", () => {
  const a = { kind: "latent" as const, latent: [0.125, -1.5, 2, 0, 3.333] };
  const query = formatView({ ...DEFAULT_VIEW, a, b: { kind: "centroid", digit: 8 } });
  assertEquals(new URLSearchParams(query).get("a"), "l0.125,-1.5,2,0,3.333");
  assertEquals(parseEnd(new URLSearchParams(query).get("a"), 10000), a);
  for (const bad of ["l", "l1", "l1,,2", "l1,2e5", "l1,x", "l2000,1"]) {
    assertEquals(parseEnd(bad, 10000), null, bad);
  }
});
