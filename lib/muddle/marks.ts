import { DIGITS } from "../model/sizes.ts";

/** The two marked steps of a path sweep (indices into its steps). */
export interface PathMarks {
  /** F: the step whose nearer end is farthest (see {@link farthestStep}). */
  farthest: number;
  /** S: the step the judges are most split on between the ends' digits; null when they agree. */
  split: number | null;
}

/**
 * The F and S marks of a sweep of `steps` images [steps * pixels] and their
 * ensemble probabilities [steps * 10], between ends of digits `from` and
 * `to` (S only when those differ). The explorer draws them and POST /api/path
 * returns them.
 */
export function pathMarks(
  images: Float32Array,
  probabilities: Float32Array,
  steps: number,
  from: number,
  to: number,
): PathMarks {
  return {
    farthest: farthestStep(images, steps),
    split: from === to ? null : mostSplitStep(probabilities, steps, from, to),
  };
}

/**
 * The step whose output is farthest from both ends' outputs: the one whose
 * smaller MSE to the two ends is largest. (The sum of the two MSEs is largest
 * at the ends themselves whenever the decoder blends smoothly, so it cannot
 * mark a point between them.) `images` holds `steps` images, the first and
 * last being the ends; ties go to the earlier step.
 */
export function farthestStep(images: Float32Array, steps: number): number {
  const pixels = images.length / steps;
  if (!Number.isInteger(pixels) || steps < 2) {
    throw new RangeError(
      `expected ${steps} >= 2 images of equal size, got ${images.length} values`,
    );
  }
  const last = (steps - 1) * pixels;
  let best = 0;
  let bestScore = -1;
  for (let s = 0; s < steps; s++) {
    let toFirst = 0;
    let toLast = 0;
    const base = s * pixels;
    for (let i = 0; i < pixels; i++) {
      const v = images[base + i];
      toFirst += (v - images[i]) ** 2;
      toLast += (v - images[last + i]) ** 2;
    }
    const score = Math.min(toFirst, toLast) / pixels;
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

/**
 * The step where the smaller of p(a) and p(b) is largest: where the judges
 * are most split between digits a and b. Ties go to the earlier step.
 */
export function mostSplitStep(
  probabilities: Float32Array,
  steps: number,
  a: number,
  b: number,
): number {
  if (probabilities.length !== steps * DIGITS || steps < 1) {
    throw new RangeError(
      `expected ${steps} rows of ${DIGITS} probabilities, got ${probabilities.length} values`,
    );
  }
  for (const d of [a, b]) {
    if (!Number.isInteger(d) || d < 0 || d >= DIGITS) {
      throw new RangeError(`digits must be integers from 0 to 9, got ${d}`);
    }
  }
  let best = 0;
  let bestScore = -1;
  for (let s = 0; s < steps; s++) {
    const score = Math.min(probabilities[s * DIGITS + a], probabilities[s * DIGITS + b]);
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best;
}
