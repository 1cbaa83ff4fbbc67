import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { splitMargin, widestRun } from "./split_margin.ts";
import type { DigitRanges } from "../digit_likeness.ts";

Deno.test("widestRun() finds the longest stretch of non-negative margins", () => {
  assertEquals(widestRun([-1, 0.1, -1, 0.2, 0.3, 0.1, -1]), [3, 5]);
  assertEquals(widestRun([0.1, 0.2]), [0, 1]);
  assertEquals(widestRun([-1, -2]), null);
});

Deno.test("splitMargin() is set by the worst judge and is -Infinity off the digit range", () => {
  const row = (values: Record<number, number>) =>
    Float32Array.from({ length: 10 }, (_, i) => values[i] ?? 0);
  const judged = {
    mean: new Float32Array(10),
    members: { a: row({ 1: 0.5, 7: 0.5 }), b: row({ 1: 0.3, 7: 0.6, 2: 0.1 }) },
  };
  const wide: DigitRanges = Array.from({ length: 10 }, () => ({
    ink: [0, 784] as [number, number],
    spread: [0, 40] as [number, number],
    greyness: [0, 1] as [number, number],
  }));
  const image = new Float32Array(784).fill(0.1);
  const margin = splitMargin(judged, image, 0, 1, 7, wide);
  // Judge b: p(1) - 0.25 = 0.05 is its weakest margin.
  assert(Math.abs(margin - 0.05) < 1e-6, `${margin}`);
  const narrow = wide.map((r) => ({ ...r, ink: [0, 1] as [number, number] }));
  assertEquals(splitMargin(judged, image, 0, 1, 7, narrow), -Infinity);
});
