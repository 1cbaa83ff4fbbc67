import * as tf from "@tensorflow/tfjs";
import { DIGITS, IMAGE_PIXELS, IMAGE_SIDE } from "../model/architecture.ts";
import type { ForwardPass, JudgeOutput } from "./types.ts";

/**
 * Runs every judge on packed images [n * 784] (0..1) and returns each one's
 * softmax and their mean. A judge with a forward pass in `fast` runs that
 * instead of tfjs; tfjs work happens inside tf.tidy.
 */
export function runJudges(
  judges: Record<string, tf.LayersModel>,
  images: Float32Array,
  fast: Record<string, ForwardPass> = {},
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
  tf.tidy(() => {
    let input: tf.Tensor4D | undefined; // only built when some judge runs on tfjs
    for (const name of names) {
      if (fast[name]) {
        members[name] = fast[name](images, n);
        if (members[name].length !== n * DIGITS) {
          throw new RangeError(
            `judge "${name}"'s fast pass returned ${
              members[name].length / n
            } values per image; expected 10`,
          );
        }
        continue;
      }
      input ??= tf.tensor4d(images, [n, IMAGE_SIDE, IMAGE_SIDE, 1]);
      const output = judges[name].predict(input) as tf.Tensor;
      if (output.size !== n * DIGITS) {
        throw new RangeError(`judge "${name}" returned shape [${output.shape}]; expected [n, 10]`);
      }
      members[name] = output.dataSync() as Float32Array;
    }
  });
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
