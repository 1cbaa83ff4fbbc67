import type { AdamOptions } from "./adam.ts";
import { col2im } from "./col2im.ts";
import type { ConvGeometry } from "./conv_geometry.ts";
import { im2col } from "./im2col.ts";
import {
  actGradBody,
  ACTIVATIONS,
  biasActBody,
  biasGradBody,
  lanesFor,
} from "./wasm_activation_kernels.ts";
import { adamBody } from "./wasm_adam_kernel.ts";
import { buildModule } from "./wasm_builder.ts";
import { gemmBody } from "./wasm_gemm_kernel.ts";
import { maxPoolBody } from "./wasm_pool_kernel.ts";
import { windowsBody } from "./wasm_windows_kernel.ts";

/**
 * The WebAssembly SIMD version of `gemm`: C = A·B (or C += A·B), row-major,
 * A [m, k], B [k, n], C [m, n]. Blocks of 4 rows x 8 (then 4) columns are
 * kept in eight f32x4 registers while k runs; leftover columns and rows use
 * narrower blocks and scalar dots. With `transposeA`, A is stored as
 * [k, m] (the product is Aᵀ·B; a filter gradient reads its im2col matrix so,
 * without a transposed copy). Operands that live in this module's memory
 * (views from `alloc`) are used in place; others are copied in.
 */
export interface WasmGemm {
  gemm(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    k: number,
    n: number,
    accumulate?: boolean,
    transposeA?: boolean,
  ): void;
  /** `im2col` in WebAssembly when both arrays are this module's (else the JS one). */
  im2col(x: Float32Array, g: ConvGeometry, out: Float32Array): Float32Array;
  /** `col2im` in WebAssembly when both arrays are this module's (else the JS one). */
  col2im(cols: Float32Array, g: ConvGeometry, out: Float32Array): Float32Array;
  /**
   * y += bias per channel (last axis), then the activation, in place. Returns
   * false (and does nothing) unless y is this module's, the activation is
   * linear, relu or sigmoid, and channels is 1, 2 or a multiple of 4.
   */
  biasActivation(
    y: Float32Array,
    bias: Float32Array | null,
    channels: number,
    activation: string,
  ): boolean;
  /**
   * dy = dy * act'(y) from the outputs y, in place (relu or sigmoid); false
   * (nothing done) unless both are this module's.
   */
  activationBackward(dy: Float32Array, y: Float32Array, activation: string): boolean;
  /** out[c] = sum of dz over rows, per channel; false (nothing done) unless dz is this module's. */
  biasGradient(dz: Float32Array, channels: number, out: Float32Array): boolean;
  /**
   * Max pooling, NHWC: y = the largest value of each window (clipped to the
   * image), argmax = its index in x (the first such in row-major window
   * order), four channels at a time. False (nothing done) unless all three
   * arrays are this module's and channels % 4 is 0.
   */
  maxPool(x: Float32Array, y: Float32Array, argmax: Int32Array, pool: PoolGeometry): boolean;
  /**
   * `adamUpdate` four floats at a time (in float32, as tfjs computes it),
   * when all four arrays are this module's and their length is a multiple
   * of 4; returns false (nothing done) otherwise.
   */
  adam(
    params: Float32Array,
    grads: Float32Array,
    m: Float32Array,
    v: Float32Array,
    step: number,
    options: AdamOptions,
  ): boolean;
  /**
   * Float32Arrays inside the module's memory, one per requested length, plus
   * room for `staging` floats of operands copied in. Views from an earlier
   * call become invalid (memory moved), so a caller asks for all its buffers
   * at once.
   */
  alloc(lengths: number[], staging?: number): Float32Array[];
  /** Bytes of the module's memory: it only grows, so a leak check can watch it. */
  memoryBytes(): number;
}

/** The sizes of a max pooling (NHWC), with tfjs's padding offsets. */
export interface PoolGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  poolHeight: number;
  poolWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/** Compiles the kernel (synchronously: the module is a few kilobytes). */
export function createWasmGemm(): WasmGemm {
  const build = (fma: boolean) =>
    buildModule([
      { name: "gemm", body: gemmBody(fma) },
      { name: "im2col", body: windowsBody(false) },
      { name: "col2im", body: windowsBody(true) },
      { name: "biasAct", body: biasActBody() },
      { name: "actGrad", body: actGradBody() },
      { name: "biasGrad", body: biasGradBody() },
      { name: "adam", body: adamBody() },
      { name: "maxPool", body: maxPoolBody() },
    ]);
  // Relaxed SIMD's fused multiply-add doubles the GEMM's arithmetic rate; engines without it
  // reject the module, and the plain multiply-then-add version is used instead.
  const withFma = build(true);
  const module = new WebAssembly.Module(WebAssembly.validate(withFma) ? withFma : build(false));
  const instance = new WebAssembly.Instance(module, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const kernel = instance.exports.gemm as (...args: number[]) => void;
  const im2colKernel = instance.exports.im2col as (...args: number[]) => void;
  const col2imKernel = instance.exports.col2im as (...args: number[]) => void;
  const biasActKernel = instance.exports.biasAct as (...args: number[]) => void;
  const actGradKernel = instance.exports.actGrad as (...args: number[]) => void;
  const biasGradKernel = instance.exports.biasGrad as (...args: number[]) => void;
  const adamKernel = instance.exports.adam as (...args: number[]) => void;
  const maxPoolKernel = instance.exports.maxPool as (...args: number[]) => void;
  const inside = (x: Float32Array) => x.buffer === memory.buffer;
  // Small per-channel vectors (bias, its gradient) are staged just above the caller's buffers.
  const stage = (values: Float32Array | null, length: number) => {
    if (allocated + 4 * length > memory.buffer.byteLength) {
      throw new RangeError(`staging ${length} floats needs room reserved with alloc()`);
    }
    if (values) new Float32Array(memory.buffer, allocated, length).set(values.subarray(0, length));
    return allocated;
  };
  const geometryArgs = (g: ConvGeometry) => [
    g.batch,
    g.inHeight,
    g.inWidth,
    g.inChannels,
    g.outHeight,
    g.outWidth,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
    g.dilationHeight,
    g.dilationWidth,
    g.padTop,
    g.padLeft,
  ];
  let allocated = 0; // bytes handed out by alloc(); staging lives above them
  const ensure = (bytes: number) => {
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  };
  return {
    im2col(x, g, out) {
      const size = g.batch * g.outHeight * g.outWidth * g.filterHeight * g.filterWidth *
        g.inChannels;
      if (!inside(x) || !inside(out) || out.length < size) return im2col(x, g, out);
      im2colKernel(x.byteOffset, out.byteOffset, ...geometryArgs(g));
      return out;
    },
    col2im(cols, g, out) {
      const size = g.batch * g.inHeight * g.inWidth * g.inChannels;
      if (!inside(cols) || !inside(out) || out.length < size) return col2im(cols, g, out);
      col2imKernel(out.byteOffset, cols.byteOffset, ...geometryArgs(g));
      return out;
    },
    biasActivation(y, bias, channels, activation) {
      const code = ACTIVATIONS.indexOf(activation);
      const lanes = lanesFor(channels);
      if (code < 0 || !lanes || !inside(y) || y.length % lanes !== 0) return false;
      // Channel counts 1 and 2 repeat their bias across the 4 lanes of a vector.
      const b = new Float32Array(lanes);
      if (bias) { for (let i = 0; i < lanes; i++) b[i] = bias[i % channels]; }
      biasActKernel(y.byteOffset, stage(b, lanes), y.length / lanes, 4 * lanes, code);
      return true;
    },
    activationBackward(dy, y, activation) {
      const code = ACTIVATIONS.indexOf(activation);
      if (code < 1 || !inside(dy) || !inside(y) || dy.length !== y.length || y.length % 4 !== 0) {
        return false;
      }
      actGradKernel(dy.byteOffset, y.byteOffset, 4 * y.length, code);
      return true;
    },
    biasGradient(dz, channels, out) {
      const lanes = lanesFor(channels);
      if (!lanes || !inside(dz) || dz.length % lanes !== 0) return false;
      const o = stage(null, lanes);
      biasGradKernel(dz.byteOffset, o, dz.length / lanes, 4 * lanes);
      const sums = new Float32Array(memory.buffer, o, lanes);
      for (let c = 0; c < channels; c++) {
        let total = 0;
        for (let i = c; i < lanes; i += channels) total += sums[i];
        out[c] = total;
      }
      return true;
    },
    maxPool(x, y, argmax, p) {
      const ok = inside(x) && inside(y) && argmax.buffer === memory.buffer && p.channels % 4 === 0;
      if (!ok) return false;
      maxPoolKernel(
        x.byteOffset,
        y.byteOffset,
        argmax.byteOffset,
        p.batch,
        p.inHeight,
        p.inWidth,
        4 * p.channels,
        p.outHeight,
        p.outWidth,
        p.poolHeight,
        p.poolWidth,
        p.strideHeight,
        p.strideWidth,
        p.padTop,
        p.padLeft,
      );
      return true;
    },
    adam(params, grads, m, v, step, options) {
      const n = params.length;
      const ok = [params, grads, m, v].every((x) => inside(x) && x.length === n);
      if (!ok || n % 4 !== 0 || !Number.isInteger(step) || step < 1) return false;
      const { learningRate: lr, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = options;
      const c1 = 1 / (1 - Math.pow(beta1, step)), c2 = 1 / (1 - Math.pow(beta2, step));
      adamKernel(
        params.byteOffset,
        grads.byteOffset,
        m.byteOffset,
        v.byteOffset,
        4 * n,
        beta1,
        beta2,
        1 - beta1,
        1 - beta2,
        c1,
        c2,
        lr,
        epsilon,
      );
      return true;
    },
    memoryBytes: () => memory.buffer.byteLength,
    alloc(lengths, staging = 0) {
      const total = lengths.reduce((s, n) => s + Math.ceil(n / 4) * 16, 0);
      ensure(total + Math.ceil(staging / 4) * 16 + 64);
      allocated = total;
      let offset = 0;
      return lengths.map((n) => {
        const view = new Float32Array(memory.buffer, offset, n);
        offset += Math.ceil(n / 4) * 16;
        return view;
      });
    },
    gemm(a, b, c, m, k, n, accumulate = false, transposeA = false) {
      if (a.length < m * k || b.length < k * n || c.length < m * n) {
        throw new RangeError(
          `gemm: arrays too short for [${m}x${k}]·[${k}x${n}]: a=${a.length}, b=${b.length}, c=${c.length}`,
        );
      }
      if (m === 0 || n === 0) return;
      const sizes = [inside(a) ? 0 : m * k, inside(b) ? 0 : k * n, inside(c) ? 0 : m * n];
      let stage = allocated;
      const need = stage + sizes.reduce((s, v) => s + Math.ceil(v / 4) * 16, 0);
      if (need > memory.buffer.byteLength) {
        if (allocated > 0 && (inside(a) || inside(b) || inside(c))) {
          // Growing would move the caller's views while we hold them: refuse loudly.
          throw new RangeError(
            `gemm: staging needs ${need} bytes; allocate them with alloc() first`,
          );
        }
        ensure(need);
      }
      const place = (x: Float32Array, size: number, copy: boolean) => {
        if (inside(x)) return x.byteOffset;
        const ptr = stage;
        if (copy) new Float32Array(memory.buffer, ptr, size).set(x.subarray(0, size));
        stage += Math.ceil(size / 4) * 16;
        return ptr;
      };
      const pa = place(a, m * k, true), pb = place(b, k * n, true);
      const pc = place(c, m * n, accumulate);
      if (transposeA && k > 0) {
        // Aᵀ·B walks A with a stride of m floats per step of k, reading 16 bytes of each
        // row: over a long k (a filter gradient sums over every pixel of the batch) A falls
        // out of cache once per block of 4 rows. Chunks of k small enough to stay cached,
        // accumulated into C, read A from memory once.
        const chunk = Math.max(64, Math.floor(32768 / m));
        for (let p0 = 0; p0 < k; p0 += chunk) {
          const len = Math.min(chunk, k - p0);
          const add = accumulate || p0 > 0 ? 1 : 0;
          kernel(pa + 4 * p0 * m, pb + 4 * p0 * n, pc, m, len, n, add, 4, 4 * m);
        }
      } else if (transposeA) {
        kernel(pa, pb, pc, m, 0, n, accumulate ? 1 : 0, 4, 4 * m);
      } else {
        kernel(pa, pb, pc, m, k, n, accumulate ? 1 : 0, 4 * k, 4);
      }
      if (!inside(c)) c.set(new Float32Array(memory.buffer, pc, m * n));
    },
  };
}
