/** A model's forward pass on `n` packed inputs; returns a new array the caller owns. */
export type ForwardPass = (input: Float32Array, n: number) => Float32Array;

/** Forward passes of a decoder and a set of judges, as {@link fastPasses} builds them. */
export interface FastPasses {
  /** Packed latents [n * latentSize] -> packed images [n * 784] (unclamped). */
  decoder?: ForwardPass;
  /** By judge name: packed images [n * 784] -> softmax [n * 10]. */
  judges?: Record<string, ForwardPass>;
  /** By reader name (the reader panel), as for judges. */
  readers?: Record<string, ForwardPass>;
}
