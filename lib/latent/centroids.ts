/**
 * Mean latent of each digit: `latents` is [n, latentSize] row-major and
 * `labels` holds each row's digit. Returns [digits][latentSize].
 *
 * Throws a RangeError when the sizes disagree or a digit has no rows, since a
 * missing centroid would silently break nearest-centroid searches.
 */
export function computeCentroids(
  latents: Float32Array,
  labels: Uint8Array,
  latentSize: number,
  digits = 10,
): number[][] {
  if (latents.length !== labels.length * latentSize) {
    throw new RangeError(
      `centroids.ts: ${latents.length} latent values for ${labels.length} labels, expected ${
        labels.length * latentSize
      } (latentSize ${latentSize})`,
    );
  }
  const sums = Array.from({ length: digits }, () => new Float64Array(latentSize));
  const counts = new Array<number>(digits).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const digit = labels[i];
    if (digit >= digits) {
      throw new RangeError(`centroids.ts: label ${digit} at row ${i}, expected 0..${digits - 1}`);
    }
    counts[digit]++;
    for (let j = 0; j < latentSize; j++) sums[digit][j] += latents[i * latentSize + j];
  }
  return sums.map((sum, digit) => {
    if (counts[digit] === 0) {
      throw new RangeError(`centroids.ts: no rows of digit ${digit}, expected at least one`);
    }
    return Array.from(sum, (s) => s / counts[digit]);
  });
}
