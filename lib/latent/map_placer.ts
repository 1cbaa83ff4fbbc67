import { knnPlacer } from "./knn_placement.ts";
import { fitLinearMap2 } from "./linear_map.ts";

/** Where any latent lies on the two maps, in the coordinates of the reference points. */
export interface MapPlacer {
  /** Packed latents [n * dim] -> positions on the PCA map [n * 2]. */
  pca(latents: Float32Array): Float32Array;
  /** Packed latents [n * dim] -> positions on the UMAP [n * 2]. */
  umap(latents: Float32Array): Float32Array;
}

/** The reference the maps were made from: the test latents and their two projections. */
export interface MapReference {
  /** [n * dim]. */
  latents: Float32Array;
  /** [n * 2] each, in any affine frame (raw, or scaled for drawing): the answers use the same. */
  pca: Float32Array;
  umap: Float32Array;
  dim: number;
}

/** The neighbours the training export used to place the 60,000 training latents on the UMAP. */
export const UMAP_PLACEMENT_K = 10;

/**
 * Places latents on the maps as the artifacts were made: PCA as the exact
 * linear projection (recovered from the reference), UMAP with the same kNN
 * placement that put the training latents on the test set's UMAP.
 */
export function createMapPlacer(reference: MapReference): MapPlacer {
  const { latents, pca, umap, dim } = reference;
  const linear = fitLinearMap2(latents, pca, dim);
  const knn = knnPlacer(latents, umap, dim, UMAP_PLACEMENT_K);
  return { pca: (l) => linear.apply(l), umap: knn };
}
