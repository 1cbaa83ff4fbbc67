import type { ConvGeometry } from "./conv_geometry.ts";
import type { ConvScratch } from "./conv2d.ts";
import { gemm } from "./gemm.ts";
import { im2col } from "./im2col.ts";

/**
 * Gradient of a convolution with respect to its filter: the transposed
 * windows (im2col)ᵀ [K, P]·[P, outC], summed over the whole batch in one product.
 * Returns [fh, fw, inC, outC] (into `out` when given, or added to it with
 * `accumulate`).
 */
export function conv2dBackpropFilter(
  x: Float32Array,
  dy: Float32Array,
  g: ConvGeometry,
  out?: Float32Array,
  scratch: ConvScratch = {},
  accumulate = false,
): Float32Array {
  const p = g.batch * g.outHeight * g.outWidth;
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const co = g.outChannels;
  if (dy.length < p * co) {
    throw new RangeError(`conv2dBackpropFilter: dy has ${dy.length} values, expected ${p * co}`);
  }
  const dw = out ?? new Float32Array(k * co);
  if (dw.length < k * co) {
    throw new RangeError(`conv2dBackpropFilter: out has ${dw.length} values, expected ${k * co}`);
  }
  const cols = scratch.cols = im2col(x, g, scratch.cols);
  // cols is [P, K]; the product wants its transpose, which the GEMM reads in place.
  (scratch.gemm ?? gemm)(cols, dy, dw, k, p, co, accumulate, true);
  return dw;
}
