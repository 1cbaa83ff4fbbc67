import { fitPca2 } from "./pca.ts";
import { insertNearest } from "./insert_nearest.ts";

/**
 * Places new points on an existing 2D map: each query row goes to the
 * inverse-distance-weighted mean of the map coordinates of its `k` nearest
 * reference rows (Euclidean, in the original space).
 *
 * Used to put the 60,000 training latents on the UMAP of the 10,000 test
 * latents: much faster than refitting UMAP on 70,000 points, and each point
 * lands among the codes it resembles. Exact search, pruned along the
 * reference's first principal axis. Returns [queries, 2] row-major.
 */
export function knnPlacement(
  reference: Float32Array,
  referenceCoords: Float32Array,
  queries: Float32Array,
  dim: number,
  k = 10,
): Float32Array {
  return knnPlacer(reference, referenceCoords, dim, k)(queries);
}

/**
 * `knnPlacement()` with the reference prepared once (its sort along the first
 * principal axis), for placing a few points at a time, as the explorer does
 * for every step of a path and every move of its handle.
 */
export function knnPlacer(
  reference: Float32Array,
  referenceCoords: Float32Array,
  dim: number,
  k = 10,
): (queries: Float32Array) => Float32Array {
  const nRef = reference.length / dim;
  if (referenceCoords.length !== nRef * 2 || !Number.isInteger(nRef) || nRef < k || nRef < 2) {
    throw new RangeError(
      `knn_placement.ts: ${nRef} reference rows with ${
        referenceCoords.length / 2
      } coordinates, expected equal counts of at least k=${k}`,
    );
  }
  // Distance along a unit axis never exceeds the full distance: sort by it and stop early.
  const axis = fitPca2(reference, dim).components[0];
  const project = (data: Float32Array, row: number) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[row * dim + j] * axis[j];
    return s;
  };
  const order = Array.from({ length: nRef }, (_, r) => r);
  const keys = new Float64Array(nRef);
  for (let r = 0; r < nRef; r++) keys[r] = project(reference, r);
  order.sort((a, b) => keys[a] - keys[b]);
  const sortedKeys = Float64Array.from(order, (r) => keys[r]);

  const bestDist = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  return (queries) => {
    if (queries.length % dim !== 0) {
      throw new RangeError(
        `knn_placement.ts: ${queries.length} query values is not rows of ${dim}`,
      );
    }
    const nQuery = queries.length / dim;
    const out = new Float32Array(nQuery * 2);
    const consider = (q: number, r: number) => {
      let d = 0;
      for (let j = 0; j < dim && d < bestDist[k - 1]; j++) {
        const diff = queries[q * dim + j] - reference[r * dim + j];
        d += diff * diff;
      }
      insertNearest(bestDist, bestIndex, d, r);
    };
    for (let q = 0; q < nQuery; q++) {
      bestDist.fill(Infinity);
      const key = project(queries, q);
      let hi = lowerBound(sortedKeys, key), lo = hi - 1;
      while (lo >= 0 || hi < nRef) {
        const gapLo = lo >= 0 ? key - sortedKeys[lo] : Infinity;
        const gapHi = hi < nRef ? sortedKeys[hi] - key : Infinity;
        const gap = Math.min(gapLo, gapHi);
        if (gap * gap >= bestDist[k - 1]) break;
        consider(q, gapLo <= gapHi ? order[lo--] : order[hi++]);
      }
      let wx = 0, wy = 0, wsum = 0;
      for (let s = 0; s < k; s++) {
        const w = 1 / (Math.sqrt(bestDist[s]) + 1e-6);
        wx += w * referenceCoords[bestIndex[s] * 2];
        wy += w * referenceCoords[bestIndex[s] * 2 + 1];
        wsum += w;
      }
      out[q * 2] = wx / wsum;
      out[q * 2 + 1] = wy / wsum;
    }
    return out;
  };
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
