import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { readoutOf } from "./readout.ts";

const c = (digit: number) => ({ kind: "centroid" as const, digit });
const p = Float32Array.from({ length: 10 }, (_, d) => (d === 3 ? 0.41 : d === 8 ? 0.38 : 0.0233));

Deno.test("readoutOf() says t once, with the reading of the same step", () => {
  assertEquals(
    readoutOf(c(3), c(8), 3, 8, { t: 0.47, probabilities: p, fresh: true }),
    "t = 0.47. Judge: 3 at 41%, 8 at 38%.",
  );
  assertEquals(
    readoutOf(c(3), c(3), 3, 3, { t: 0.5, probabilities: p, fresh: true }),
    "t = 0.50. Judge: 3 at 41%.",
  );
});

Deno.test("readoutOf() says nothing stale while a new path decodes", () => {
  assertEquals(readoutOf(c(3), c(8), 3, 8, { t: 1, probabilities: p, fresh: false }), "Decoding…");
  assertEquals(readoutOf(c(3), c(8), 3, 8, null), "Decoding…");
  assertEquals(
    readoutOf(c(3), null, 3, null, null),
    "Start set to centroid 3. Pick the other end.",
  );
  assertEquals(readoutOf(null, null, null, null, null).startsWith("Pick two ends"), true);
});

Deno.test("readoutOf() names the classes when the model has names", () => {
  const names = ["a0", "a1", "a2", "Dress", "a4", "a5", "a6", "a7", "Bag", "a9"];
  assertEquals(
    readoutOf(c(3), c(8), 3, 8, { t: 0.47, probabilities: p, fresh: true }, names),
    "t = 0.47. Judge: Dress at 41%, Bag at 38%.",
  );
  assertEquals(
    readoutOf(c(3), null, 3, null, null, names),
    "Start set to Dress. Pick the other end.",
  );
});
