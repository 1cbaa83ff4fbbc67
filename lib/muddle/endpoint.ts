/** A path end the explorer and the API name: a digit's centroid or a point (image) by index. */
export type EndpointRef = { kind: "centroid"; digit: number } | { kind: "image"; index: number };

/** A path end as the API takes it: an {@link EndpointRef} or a latent given outright. */
export type Endpoint = EndpointRef | { kind: "latent"; latent: Float32Array };

/** Where endpoints' latents come from. */
export interface LatentSource {
  /** One latent per digit. */
  centroids: ArrayLike<number>[];
  /** Points' latents, [count * latentSize]. */
  latents: Float32Array;
  latentSize: number;
}

/**
 * The latent of a path end (a new array the caller owns), or null when it
 * names a digit without a centroid or a point past the latents given (for
 * example a training point while only the test set is loaded).
 */
export function latentOf(end: Endpoint, source: LatentSource): Float32Array | null {
  const n = source.latentSize;
  if (end.kind === "latent") return end.latent.slice();
  if (end.kind === "centroid") {
    const centroid = source.centroids[end.digit];
    return centroid ? Float32Array.from(centroid) : null;
  }
  if (
    !Number.isInteger(end.index) || end.index < 0 || (end.index + 1) * n > source.latents.length
  ) {
    return null;
  }
  return source.latents.slice(end.index * n, (end.index + 1) * n);
}
