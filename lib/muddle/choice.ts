import type { PathEnd } from "./types.ts";

/** What a method picks, before the engine attaches the judge's verdict. */
export interface MethodChoice {
  from: PathEnd;
  to: PathEnd;
  partner: number;
  /** Position on the path from `from` to `to`. */
  t: number;
  latent: Float32Array;
  /** 784 values in 0..1. */
  image: Float32Array;
}
