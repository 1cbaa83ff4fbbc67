/**
 * The digit whose centroid is nearest (Euclidean) to `latent`, skipping
 * `exclude` (the image's own digit): the original recipe's partner choice.
 */
export function nearestCentroid(
  latent: ArrayLike<number>,
  centroids: ArrayLike<number>[],
  exclude: number,
): number {
  return rankCentroids(latent, centroids, exclude)[0];
}

/** Every digit but `exclude`, nearest centroid first (ties keep digit order). */
export function rankCentroids(
  latent: ArrayLike<number>,
  centroids: ArrayLike<number>[],
  exclude: number,
): number[] {
  if (centroids.length < 2) {
    throw new RangeError(`nearestCentroid() needs at least 2 centroids, got ${centroids.length}`);
  }
  const ranked: { digit: number; distance: number }[] = [];
  for (let digit = 0; digit < centroids.length; digit++) {
    if (digit === exclude) continue;
    const centroid = centroids[digit];
    if (centroid.length !== latent.length) {
      throw new RangeError(
        `centroid ${digit} has ${centroid.length} values; the latent has ${latent.length}`,
      );
    }
    let distance = 0;
    for (let i = 0; i < latent.length; i++) distance += (latent[i] - centroid[i]) ** 2;
    ranked.push({ digit, distance });
  }
  return ranked.sort((a, b) => a.distance - b.distance || a.digit - b.digit).map((r) => r.digit);
}
