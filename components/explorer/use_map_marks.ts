/**
 * Where the centroids, the path and its handle really lie on the maps: each
 * latent placed as the artifacts were made (lib/latent/map_placer.ts), in the
 * map's scaled data units, rather than a straight line between two ends.
 */
import { useMemo } from "preact/hooks";
import type { PointSet } from "../../islands/_explorer/data.ts";
import { createMapPlacer, type MapPlacer } from "../../lib/latent/map_placer.ts";
import { pathPositions } from "../../lib/latent/path_positions.ts";
import { linspace } from "../../lib/muddle/mod.ts";

/** Steps at which the path is placed and drawn. */
export const PATH_STEPS = 61;

/** Positions on both maps, packed [n * 2]. */
export interface BothMaps {
  pca: Float32Array;
  umap: Float32Array;
}

/** What the map draws for the path, in data units. */
export interface MapMarks {
  /** The ten centroid latents, placed. */
  centroids: BothMaps | null;
  /** The path's steps, placed, with the t of each. */
  path: (BothMaps & { ts: number[] }) | null;
  /** The latent at the handle's t, placed ([2] each). */
  handle: BothMaps | null;
}

/** Builds the placer over the test points of `points` (null until loaded). */
export function usePlacer(points: PointSet | null, latentSize: number): MapPlacer | null {
  return useMemo(() => {
    if (!points) return null;
    const n = points.testCount;
    return createMapPlacer({
      latents: points.latents.subarray(0, n * latentSize),
      pca: points.pca.subarray(0, n * 2),
      umap: points.umap.subarray(0, n * 2),
      dim: latentSize,
    });
  }, [points]);
}

/** Places the centroids, the path from `la` to `lb` and the latent at `t`. */
export function useMapMarks(
  placer: MapPlacer | null,
  centroids: number[][],
  la: Float32Array | null,
  lb: Float32Array | null,
  t: number,
): MapMarks {
  const placedCentroids = useMemo(() => {
    if (!placer) return null;
    const latents = Float32Array.from(centroids.flat());
    return { pca: placer.pca(latents), umap: placer.umap(latents) };
  }, [placer]);
  const path = useMemo(() => {
    if (!placer || !la || !lb) return null;
    const ts = linspace(0, 1, PATH_STEPS);
    return { ts, ...pathPositions(placer, la, lb, ts) };
  }, [placer, la, lb]);
  const handle = useMemo(() => {
    if (!placer || !la || !lb) return null;
    return pathPositions(placer, la, lb, [t]);
  }, [placer, la, lb, t]);
  return useMemo(() => ({ centroids: placedCentroids, path, handle }), [
    placedCentroids,
    path,
    handle,
  ]);
}
