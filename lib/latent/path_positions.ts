import { interpolate } from "../muddle/interpolate.ts";
import type { MapPlacer } from "./map_placer.ts";

/** Positions of a path's latents on both maps, [ts.length * 2] each. */
export interface PathPositions {
  pca: Float32Array;
  umap: Float32Array;
}

/**
 * Where the latents on the straight path from `from` to `to` lie on each
 * map, one position per entry of `ts`. The explorer draws its path and
 * handle with this, and /api/path answers with it, so the two agree.
 */
export function pathPositions(
  placer: MapPlacer,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  ts: ArrayLike<number>,
): PathPositions {
  const latents = interpolate(from, to, ts);
  return { pca: placer.pca(latents), umap: placer.umap(latents) };
}
