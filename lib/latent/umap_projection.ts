import { UMAP } from "umap-js";
import { Rng } from "../random/seeded_rng.ts";

/** UMAP settings recorded in the manifest. */
export interface UmapSettings {
  seed: number;
  nNeighbors: number;
  nEpochs: number;
  minDist: number;
}

/** Defaults chosen for 10,000 latents: a stable map in well under a minute on one core. */
export const DEFAULT_UMAP: UmapSettings = { seed: 0, nNeighbors: 15, nEpochs: 200, minDist: 0.1 };

/**
 * Embeds `data` ([n, dim] row-major) in 2D with umap-js, seeded so the same
 * input and settings give the same map. Returns [n, 2] row-major.
 */
export function umapProjection(
  data: Float32Array,
  dim: number,
  settings: UmapSettings = DEFAULT_UMAP,
): Float32Array {
  const n = data.length / dim;
  if (!Number.isInteger(n) || n <= settings.nNeighbors) {
    throw new RangeError(
      `umap_projection.ts: ${data.length} values is not more than nNeighbors (${settings.nNeighbors}) rows of ${dim}`,
    );
  }
  const rows = Array.from(
    { length: n },
    (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)),
  );
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: settings.nNeighbors,
    nEpochs: settings.nEpochs,
    minDist: settings.minDist,
    // umap-js takes any () => number in [0, 1); seeded, so a seed gives one map.
    random: ((rng) => () => rng.next())(new Rng(settings.seed >>> 0)),
  });
  const embedding = umap.fit(rows);
  const out = new Float32Array(n * 2);
  embedding.forEach((point, i) => {
    out[i * 2] = point[0];
    out[i * 2 + 1] = point[1];
  });
  return out;
}
