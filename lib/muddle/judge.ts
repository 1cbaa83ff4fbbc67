import { DIGITS, IMAGE_PIXELS } from "../model/sizes.ts";
import type { ForwardPass, JudgeOutput } from "./types.ts";

/**
 * Runs every judge's forward pass on packed images [n * 784] (0..1) and
 * returns each one's softmax and their mean. No tfjs here: the passes are
 * the fused kernels or tfjs (lib/kernels/fast_passes.ts), and the browser
 * runs it too.
 */
export function runJudges(
  judges: Record<string, ForwardPass>,
  images: Float32Array,
): JudgeOutput {
  const names = Object.keys(judges);
  if (names.length === 0) throw new RangeError("runJudges() needs at least one judge");
  if (images.length === 0 || images.length % IMAGE_PIXELS !== 0) {
    throw new RangeError(
      `images must hold a positive multiple of ${IMAGE_PIXELS} values, got ${images.length}`,
    );
  }
  const n = images.length / IMAGE_PIXELS;
  const members: Record<string, Float32Array> = {};
  for (const name of names) {
    members[name] = judges[name](images, n);
    if (members[name].length !== n * DIGITS) {
      throw new RangeError(
        `judge "${name}" returned ${members[name].length / n} values per image; expected 10`,
      );
    }
  }
  const mean = new Float32Array(n * DIGITS);
  for (const name of names) {
    const probabilities = members[name];
    for (let i = 0; i < mean.length; i++) mean[i] += probabilities[i] / names.length;
  }
  return { mean, members };
}

/** Row `row` of packed [n * 10] probabilities as a plain array (for JSON). */
export function probabilityRow(probabilities: Float32Array, row: number): number[] {
  return Array.from(probabilities.subarray(row * DIGITS, (row + 1) * DIGITS));
}
