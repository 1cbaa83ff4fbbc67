import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { farthestFromBoth } from "./farthest_from_both.ts";

/** Images of `pixels` values each, one per row of `rows`. */
const pack = (rows: number[][]) => Float32Array.from(rows.flat());

Deno.test("farthestFromBoth() picks the step whose nearer end is farthest", () => {
  // A linear blend from [0,0] to [1,1]: the middle is farthest from both ends.
  assertEquals(
    farthestFromBoth(pack([[0, 0], [0.25, 0.25], [0.5, 0.5], [0.75, 0.75], [1, 1]]), 5),
    2,
  );
  // A detour: step 1 leaves the line and is far from both ends.
  assertEquals(farthestFromBoth(pack([[0, 0], [1, 0], [0.5, 0.5], [1, 1]]), 4), 1);
});

Deno.test("farthestFromBoth() never prefers an end when an interior step is distinct", () => {
  const images = pack([[0, 0, 0], [0.1, 0, 0], [1, 1, 1]]);
  assertEquals(farthestFromBoth(images, 3), 1);
});

Deno.test("farthestFromBoth() rejects images that do not divide into steps", () => {
  assertThrows(() => farthestFromBoth(new Float32Array(5), 2), RangeError);
  assertThrows(() => farthestFromBoth(new Float32Array(4), 1), RangeError);
});
