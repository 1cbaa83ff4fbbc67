import { ok as assert } from "node:assert/strict";
import { imageFeatures, isDigitLike, measureDigitRanges } from "./digit_likeness.ts";

function bar(row: number, from: number, to: number, value = 1): Float32Array {
  const image = new Float32Array(784);
  for (let c = from; c < to; c++) image[row * 28 + c] = value;
  return image;
}

Deno.test("imageFeatures() measures ink, spread and greyness", () => {
  const f = imageFeatures(bar(14, 10, 18));
  assert(Math.abs(f.ink - 8) < 1e-9);
  // Columns 10..17 around 13.5: RMS distance sqrt(mean of 3.5^2, 2.5^2, ...) = sqrt(5.25).
  assert(Math.abs(f.spread - Math.sqrt(5.25)) < 1e-9);
  assert(f.greyness === 0);
  assert(imageFeatures(bar(14, 10, 18, 0.5)).greyness === 1);
});

Deno.test("isDigitLike() rejects a faint smudge that real digits never look like", () => {
  const images = new Float32Array(784 * 40);
  const labels = new Uint8Array(40);
  for (let i = 0; i < 40; i++) {
    images.set(bar(10 + (i % 5), 5, 20 + (i % 3)), i * 784);
    labels[i] = i % 10;
  }
  const ranges = measureDigitRanges(images, labels, 0);
  assert(isDigitLike(imageFeatures(bar(12, 5, 21)), ranges, 0, 1));
  assert(!isDigitLike(imageFeatures(bar(12, 5, 21, 0.4)), ranges, 0, 1));
  assert(!isDigitLike(imageFeatures(new Float32Array(784)), ranges, 0, 1));
});
