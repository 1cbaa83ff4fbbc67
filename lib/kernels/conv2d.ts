import type { ConvGeometry } from "./conv_geometry.ts";
import { gemm } from "./gemm.ts";
import { im2col } from "./im2col.ts";

/** The matrix product the kernels use: `gemm` (plain JS) or a `WasmGemm`'s (SIMD). */
export type GemmFunction = typeof gemm;

/** Reusable buffers for the convolution kernels (grown on demand) and the GEMM to use. */
export interface ConvScratch {
  cols?: Float32Array;
  filterT?: Float32Array;
  /** Defaults to the plain-JS `gemm`. */
  gemm?: GemmFunction;
}

/**
 * Forward convolution y = conv(x, filter) in NHWC, filter [fh, fw, inC, outC]:
 * im2col, then one matrix product [P, K]·[K, outC]. Returns `out` (or a new
 * array) holding [batch, outH, outW, outC].
 */
export function conv2dForward(
  x: Float32Array,
  filter: Float32Array,
  g: ConvGeometry,
  out?: Float32Array,
  scratch: ConvScratch = {},
): Float32Array {
  const p = g.batch * g.outHeight * g.outWidth;
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  if (filter.length !== k * g.outChannels) {
    throw new RangeError(
      `conv2dForward: filter has ${filter.length} values, expected ${k * g.outChannels}`,
    );
  }
  const y = out && out.length >= p * g.outChannels ? out : new Float32Array(p * g.outChannels);
  // A 1x1 unpadded, unstrided window is the input itself: skip the copy.
  const direct = g.filterHeight === 1 && g.filterWidth === 1 && g.strideHeight === 1 &&
    g.strideWidth === 1 && g.padTop === 0 && g.padLeft === 0;
  const cols = direct ? x : (scratch.cols = im2col(x, g, scratch.cols));
  (scratch.gemm ?? gemm)(cols, filter, y, p, k, g.outChannels);
  return y;
}
