/**
 * The digit whose centroid is nearest (Euclidean) to `latent`, skipping
 * `exclude` (the image's own digit): the original recipe's partner choice.
 */
export function nearestCentroid(
  latent: ArrayLike<number>,
  centroids: ArrayLike<number>[],
  exclude: number,
): number {
  if (centroids.length < 2) {
    throw new RangeError(`nearestCentroid() needs at least 2 centroids, got ${centroids.length}`);
  }
  let best = -1;
  let bestDistance = Infinity;
  for (let digit = 0; digit < centroids.length; digit++) {
    if (digit === exclude) continue;
    const centroid = centroids[digit];
    if (centroid.length !== latent.length) {
      throw new RangeError(
        `centroid ${digit} has ${centroid.length} values; the latent has ${latent.length}`,
      );
    }
    let distance = 0;
    for (let i = 0; i < latent.length; i++) {
      const d = latent[i] - centroid[i];
      distance += d * d;
    }
    if (distance < bestDistance) {
      bestDistance = distance;
      best = digit;
    }
  }
  return best;
}
