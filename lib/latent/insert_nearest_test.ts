import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { insertNearest } from "./insert_nearest.ts";

Deno.test("insertNearest() keeps the k nearest sorted, earlier first on ties, and skips the farther", () => {
  const distances = new Float64Array(3).fill(Infinity), ids = new Int32Array(3).fill(-1);
  for (const [d, id] of [[5, 0], [2, 1], [9, 2], [2, 3], [7, 4], [1, 5]]) {
    insertNearest(distances, ids, d, id);
  }
  assertEquals([Array.from(distances), Array.from(ids)], [[1, 2, 2], [5, 1, 3]]);
});
