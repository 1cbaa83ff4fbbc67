import { col2im } from "./col2im.ts";
import type { ConvGeometry } from "./conv_geometry.ts";
import type { ConvScratch } from "./conv2d.ts";
import { gemm } from "./gemm.ts";

/**
 * Gradient of a convolution with respect to its input, which is also the
 * forward pass of a transposed convolution: window gradients
 * [P, outC]·[outC, K], then col2im back onto the input. Returns
 * [batch, inH, inW, inC].
 */
export function conv2dBackpropInput(
  dy: Float32Array,
  filter: Float32Array,
  g: ConvGeometry,
  out?: Float32Array,
  scratch: ConvScratch = {},
): Float32Array {
  const p = g.batch * g.outHeight * g.outWidth;
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const co = g.outChannels;
  if (filter.length !== k * co) {
    throw new RangeError(
      `conv2dBackpropInput: filter has ${filter.length} values, expected ${k * co}`,
    );
  }
  if (dy.length < p * co) {
    throw new RangeError(`conv2dBackpropInput: dy has ${dy.length} values, expected ${p * co}`);
  }
  const ft = scratch.filterT && scratch.filterT.length >= k * co
    ? scratch.filterT
    : (scratch.filterT = new Float32Array(k * co));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < co; j++) ft[j * k + i] = filter[i * co + j];
  }
  const cols = scratch.cols && scratch.cols.length >= p * k
    ? scratch.cols
    : (scratch.cols = new Float32Array(p * k));
  (scratch.gemm ?? gemm)(dy, ft, cols, p, co, k);
  return col2im(cols, g, out);
}
