/**
 * The step of a sweep whose output is farthest from both ends' outputs: the
 * one whose smaller MSE to the two ends is largest. (The sum of the two MSEs
 * is largest at the ends themselves whenever the decoder blends smoothly, so
 * it cannot mark a point between them.) `images` holds `steps` images,
 * the first and last being the ends; ties go to the earlier step.
 */
export function farthestFromBoth(images: Float32Array, steps: number): number {
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
