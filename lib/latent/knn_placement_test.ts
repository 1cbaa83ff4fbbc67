import { ok as assert, strictEqual, throws } from "node:assert/strict";
import { knnPlacement } from "./knn_placement.ts";

Deno.test("knnPlacement() puts a query on its nearest reference points' map position", () => {
  // Two groups far apart in 2-d space, mapped to (0,0) and (100,100).
  const reference = new Float32Array([0, 0, 0, 1, 1, 0, 50, 50, 50, 51, 51, 50]);
  const coords = new Float32Array([0, 0, 0, 0, 0, 0, 100, 100, 100, 100, 100, 100]);
  const placed = knnPlacement(reference, coords, new Float32Array([0.2, 0.3, 50.5, 50.2]), 2, 3);
  strictEqual(placed.length, 4);
  assert(Math.abs(placed[0]) < 1e-6 && Math.abs(placed[1]) < 1e-6);
  assert(Math.abs(placed[2] - 100) < 1e-4 && Math.abs(placed[3] - 100) < 1e-4);
  // An exact duplicate of a reference point lands (almost) on that point's coordinates.
  const exact = knnPlacement(
    new Float32Array([0, 0, 10, 0]),
    new Float32Array([5, 5, -5, -5]),
    new Float32Array([0, 0]),
    2,
    2,
  );
  assert(Math.abs(exact[0] - 5) < 1e-3, `got ${exact[0]}`);
});

Deno.test("knnPlacement() refuses fewer reference rows than k", () => {
  throws(() => knnPlacement(new Float32Array(4), new Float32Array(4), new Float32Array(2), 2, 5), {
    name: "RangeError",
    message: /2 reference rows/,
  });
});
