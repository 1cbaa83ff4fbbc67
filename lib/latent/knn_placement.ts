/**
 * Places new points on an existing 2D map: each query row goes to the
 * inverse-distance-weighted mean of the map coordinates of its `k` nearest
 * reference rows (Euclidean, in the original space).
 *
 * Used to put the 60,000 training latents on the UMAP of the 10,000 test
 * latents: much faster than refitting UMAP on 70,000 points, and each point
 * lands among the codes it resembles. Returns [queries, 2] row-major.
 */
export function knnPlacement(
  reference: Float32Array,
  referenceCoords: Float32Array,
  queries: Float32Array,
  dim: number,
  k = 10,
): Float32Array {
  const nRef = reference.length / dim;
  if (referenceCoords.length !== nRef * 2 || !Number.isInteger(nRef) || nRef < k) {
    throw new RangeError(
      `knn_placement.ts: ${nRef} reference rows with ${
        referenceCoords.length / 2
      } coordinates, expected equal counts of at least k=${k}`,
    );
  }
  const nQuery = queries.length / dim;
  const out = new Float32Array(nQuery * 2);
  const bestDist = new Float64Array(k);
  const bestIndex = new Int32Array(k);
  for (let q = 0; q < nQuery; q++) {
    bestDist.fill(Infinity);
    const qo = q * dim;
    for (let r = 0; r < nRef; r++) {
      const ro = r * dim;
      let d = 0;
      for (let j = 0; j < dim && d < bestDist[k - 1]; j++) {
        const diff = queries[qo + j] - reference[ro + j];
        d += diff * diff;
      }
      if (d >= bestDist[k - 1]) continue;
      // Insertion into the sorted top-k list.
      let slot = k - 1;
      while (slot > 0 && bestDist[slot - 1] > d) {
        bestDist[slot] = bestDist[slot - 1];
        bestIndex[slot] = bestIndex[slot - 1];
        slot--;
      }
      bestDist[slot] = d;
      bestIndex[slot] = r;
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
}
