/**
 * What the exploring endpoints need beyond the muddle engine: encoding images,
 * exact neighbours in latent space, placing a latent on the two maps, and the
 * latent estimated at a map position. Indexes are built once at start-up.
 */
import * as tf from "@tensorflow/tfjs";
import type { ModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import type { ForwardPass } from "../lib/kernels/forward_pass.ts";
import { estimateLatent } from "../lib/latent/estimate_latent.ts";
import { createNearestIndex } from "../lib/latent/nearest_index.ts";
import type { MapPlacer } from "../lib/latent/map_placer.ts";
import type { ProjectionName } from "../lib/validation/explore_input.ts";

/** One neighbour as the API answers it. */
export interface NeighborRecord {
  /** Index into the test set. */
  index: number;
  /** Its label. */
  digit: number;
  /** Euclidean distance in latent space. */
  distance: number;
  /** The class's name, when the model's data set names its classes. */
  class?: string;
}

/** A latent's place on both maps, in the coordinates of test_umap.bin and test_pca.bin. */
export interface MapPositions {
  umap: [number, number];
  pca: [number, number];
}

/** See {@link createLatentTools}. */
export interface LatentTools {
  /** Packed images [n * 784] in 0..1 -> packed latents; null when the model has no encoder. */
  encode: ((images: Float32Array) => Float32Array) | null;
  /** The k nearest test images to `latent`, nearest first; `exclude` leaves one out. */
  neighbors(latent: ArrayLike<number>, k: number, exclude?: number): NeighborRecord[];
  /** `latent`'s place on both maps, in test_umap.bin / test_pca.bin coordinates. */
  positions(latent: ArrayLike<number>): MapPositions;
  /** The latent estimated at a map position from the nearest projected test images. */
  estimate(projection: ProjectionName, xy: [number, number]): Float32Array;
}

/**
 * Builds the tools over loaded artifacts (test latents, labels, maps) and the
 * server's map placer (lib/latent/map_placer.ts, in raw map units). The
 * encoder runs through `fastEncoder` when given (fused kernels), else tfjs
 * inside tf.tidy.
 */
export function createLatentTools(
  artifacts: ModelArtifacts,
  placer: MapPlacer,
  fastEncoder?: ForwardPass,
): LatentTools {
  const { manifest, test } = artifacts;
  if (!test) throw new TypeError("createLatentTools() needs the test latents, labels and maps");
  const latentSize = manifest.architecture.latentSize;
  const side = manifest.architecture.imageSide;
  const classes = manifest.dataset?.classes;
  const latentIndex = createNearestIndex(test.latents, latentSize);
  const mapIndex = {
    umap: createNearestIndex(test.umap, 2),
    pca: createNearestIndex(test.pca, 2),
  };
  // A stand-in encoder whose output is not a latent (test fixtures) means no encoding.
  const encoder = artifacts.models.encoder?.outputs[0].shape.at(-1) === latentSize
    ? artifacts.models.encoder
    : undefined;
  const encode = !encoder
    ? null
    : fastEncoder
    ? (images: Float32Array) => fastEncoder(images, images.length / (side * side))
    : (images: Float32Array) =>
      tf.tidy(() => {
        const n = images.length / (side * side);
        const out = encoder.predict(tf.tensor4d(images, [n, side, side, 1])) as tf.Tensor;
        return out.dataSync() as Float32Array;
      });
  return {
    encode,
    neighbors(latent, k, exclude) {
      const { indices, distances } = latentIndex.nearest(latent, k, exclude);
      return indices.map((index, i) => ({
        index,
        digit: test.labels[index],
        distance: distances[i],
        ...(classes ? { class: classes[test.labels[index]] } : {}),
      }));
    },
    positions(latent) {
      const l = Float32Array.from(latent);
      const [u, p] = [placer.umap(l), placer.pca(l)];
      return { umap: [u[0], u[1]], pca: [p[0], p[1]] };
    },
    estimate: (projection, xy) => estimateLatent(xy, mapIndex[projection], test.latents),
  };
}
