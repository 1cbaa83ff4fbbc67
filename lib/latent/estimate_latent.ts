import type { NearestIndex } from "./nearest_index.ts";

/** Neighbours on the map that decode-anywhere blends by default. */
export const ESTIMATE_NEIGHBORS = 8;

/**
 * The latent estimated at a 2-D map position: the inverse-square-distance
 * weighted mean of the latents of the `k` nearest projected points. `index`
 * is a nearest-neighbour index over the map positions ([n, 2]) and `latents`
 * the matching rows ([n, latentSize]). The squared weights keep the estimate
 * local (a map's far neighbours often belong to another cluster), and at a
 * point's own position the estimate is that point's latent. `exclude` leaves
 * one row out (to measure the estimate where a point is, without that point).
 */
export function estimateLatent(
  xy: readonly [number, number],
  index: NearestIndex,
  latents: Float32Array,
  k = ESTIMATE_NEIGHBORS,
  exclude = -1,
): Float32Array {
  if (index.dim !== 2) {
    throw new RangeError(`expected an index over 2-D positions, got ${index.dim}-D`);
  }
  const latentSize = latents.length / index.count;
  if (!Number.isInteger(latentSize) || latentSize < 1) {
    throw new RangeError(
      `latents hold ${latents.length} values, expected a whole row per position (${index.count})`,
    );
  }
  if (!Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) {
    throw new RangeError(`position must be two finite numbers, got [${xy}]`);
  }
  const { indices, distances } = index.nearest(
    xy,
    Math.min(k, index.count - (exclude >= 0 ? 1 : 0)),
    exclude,
  );
  if (distances[0] === 0) {
    return latents.slice(indices[0] * latentSize, (indices[0] + 1) * latentSize);
  }
  const out = new Float32Array(latentSize);
  let wsum = 0;
  for (let s = 0; s < indices.length; s++) {
    const w = 1 / (distances[s] * distances[s]);
    wsum += w;
    for (let j = 0; j < latentSize; j++) out[j] += w * latents[indices[s] * latentSize + j];
  }
  for (let j = 0; j < latentSize; j++) out[j] /= wsum;
  return out;
}
