import { DIGITS, IMAGE_PIXELS, IMAGE_SIDE } from "../../model/sizes.ts";
import type { JudgeOutput } from "../types.ts";

/** Pixel shifts [dx, dy] of the views: the image itself, then one pixel each way. */
export const SHIFTS: readonly [number, number][] = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]];

/**
 * Judges each image as the mean over `views` copies shifted by a pixel
 * (see SHIFTS). A person reads a digit the same one pixel to the left; a
 * classifier near its decision boundary may not, so averaging over shifts
 * smooths each judge's quirks and keeps splits that hold for other readers.
 */
export function judgeShifted(
  judge: (images: Float32Array) => JudgeOutput,
  images: Float32Array,
  views: number,
): JudgeOutput {
  if (!Number.isInteger(views) || views < 1 || views > SHIFTS.length) {
    throw new RangeError(`views must be an integer from 1 to ${SHIFTS.length}, got ${views}`);
  }
  if (views === 1) return judge(images);
  const n = images.length / IMAGE_PIXELS;
  const shifted = new Float32Array(images.length * views);
  for (let v = 0; v < views; v++) {
    const [dx, dy] = SHIFTS[v];
    for (let row = 0; row < n; row++) {
      const source = row * IMAGE_PIXELS, target = (v * n + row) * IMAGE_PIXELS;
      for (let y = 0; y < IMAGE_SIDE; y++) {
        const sy = y - dy;
        if (sy < 0 || sy >= IMAGE_SIDE) continue;
        for (let x = 0; x < IMAGE_SIDE; x++) {
          const sx = x - dx;
          if (sx >= 0 && sx < IMAGE_SIDE) {
            shifted[target + y * IMAGE_SIDE + x] = images[source + sy * IMAGE_SIDE + sx];
          }
        }
      }
    }
  }
  const all = judge(shifted);
  const average = (p: Float32Array) => {
    const out = new Float32Array(n * DIGITS);
    for (let v = 0; v < views; v++) {
      for (let i = 0; i < out.length; i++) out[i] += p[v * n * DIGITS + i] / views;
    }
    return out;
  };
  const members = Object.fromEntries(
    Object.entries(all.members).map(([name, p]) => [name, average(p)]),
  );
  return { mean: average(all.mean), members };
}
