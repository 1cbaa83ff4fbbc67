import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { farthestStep, mostSplitStep, pathMarks } from "./marks.ts";

/** Images of `pixels` values each, one per row of `rows`. */
const pack = (rows: number[][]) => Float32Array.from(rows.flat());

Deno.test("farthestStep() picks the step whose nearer end is farthest", () => {
  // A linear blend from [0,0] to [1,1]: the middle is farthest from both ends.
  assertEquals(
    farthestStep(pack([[0, 0], [0.25, 0.25], [0.5, 0.5], [0.75, 0.75], [1, 1]]), 5),
    2,
  );
  // A detour: step 1 leaves the line and is far from both ends.
  assertEquals(farthestStep(pack([[0, 0], [1, 0], [0.5, 0.5], [1, 1]]), 4), 1);
});

Deno.test("farthestStep() never prefers an end when an interior step is distinct", () => {
  const images = pack([[0, 0, 0], [0.1, 0, 0], [1, 1, 1]]);
  assertEquals(farthestStep(images, 3), 1);
});

Deno.test("farthestStep() rejects images that do not divide into steps", () => {
  assertThrows(() => farthestStep(new Float32Array(5), 2), RangeError);
  assertThrows(() => farthestStep(new Float32Array(4), 1), RangeError);
});

/** Probabilities [steps * 10] with p(a) and p(b) given per step, the rest spread evenly. */
function probs(pa: number[], pb: number[], a: number, b: number): Float32Array {
  const out = new Float32Array(pa.length * 10);
  pa.forEach((p, s) => {
    out.fill((1 - p - pb[s]) / 8, s * 10, s * 10 + 10);
    out[s * 10 + a] = p;
    out[s * 10 + b] = pb[s];
  });
  return out;
}

Deno.test("mostSplitStep() picks the step where the smaller of p(a) and p(b) is largest", () => {
  const p = probs([0.9, 0.6, 0.45, 0.2], [0.05, 0.3, 0.5, 0.75], 4, 9);
  assertEquals(mostSplitStep(p, 4, 4, 9), 2);
  // The same rows read for other digits: the split moves with the digits asked about.
  assertEquals(mostSplitStep(p, 4, 4, 0), 1);
});

Deno.test("pathMarks() gives F always and S only between two different digits", () => {
  const images = pack([[0, 0], [0.5, 0.5], [1, 1]]);
  const p = probs([0.9, 0.5, 0.1], [0.1, 0.5, 0.9], 3, 8);
  assertEquals(pathMarks(images, p, 3, 3, 8), { farthest: 1, split: 1 });
  assertEquals(pathMarks(images, p, 3, 3, 3), { farthest: 1, split: null });
  assertThrows(() => mostSplitStep(p, 4, 3, 8), RangeError);
  assertThrows(() => mostSplitStep(p, 3, 3, 10), RangeError);
});
