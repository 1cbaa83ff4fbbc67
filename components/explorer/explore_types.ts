/**
 * What the exploring panels need from the explorer; the islands' own types
 * (islands/_explorer/data.ts's PointSet) extend these.
 */
import type { Scaling } from "../map/geometry.ts";

/** The map's points: test images first, then (set "all") training images. */
export interface MapPoints {
  count: number;
  /** How many of the points are test images (indices below it). */
  testCount: number;
  labels: Uint8Array;
  /** [count * latentSize]. */
  latents: Float32Array;
  /** Positions in the map's data units, [count * 2]. */
  pca: Float32Array;
  umap: Float32Array;
  /** How each projection was scaled for drawing: raw = centre + scaled * half. */
  scaling: { pca: Scaling; umap: Scaling };
}

/** The browser model's decode and judge. */
export interface DigitModel {
  decode(latents: Float32Array): Float32Array;
  /** Packed images -> mean probabilities, [n * 10]. */
  judge(images: Float32Array): Float32Array;
  /** Packed images -> packed latents, when the browser model has the encoder. */
  encode?(images: Float32Array): Float32Array;
}

/** One neighbour, as the API and the panels show it. */
export interface Neighbor {
  index: number;
  digit: number;
  distance: number;
}

/** A latent's place on both maps in raw units (test_umap.bin, test_pca.bin), as the API answers. */
export interface MapPositions {
  umap: [number, number];
  pca: [number, number];
}

/** A digit drawn or dropped by the person, encoded. */
export interface DrawnDigit {
  latent: number[];
  /** Raw map positions, as the API answers them. */
  positions: MapPositions;
  /** The prepared 28x28 image and its reconstruction, 784 values each. */
  image: number[];
  reconstruction: number[];
  probabilities: number[];
  neighbors: Neighbor[];
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
