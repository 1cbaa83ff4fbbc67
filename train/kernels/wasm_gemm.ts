import type { AdamOptions } from "./adam.ts";
import { col2im } from "./col2im.ts";
import type { ConvGeometry } from "./conv_geometry.ts";
import { im2col } from "./im2col.ts";
import { buildModule, F32, FunctionBody, I32, V128 } from "./wasm_builder.ts";

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

function gemmBody(fma: boolean): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32, I32, I32], []);
  const [A, B, C, M, K, N, ACC, ROW, DEPTH] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const i = f.local(I32), j = f.local(I32), p = f.local(I32);
  const n4 = f.local(I32), pb = f.local(I32), pc = f.local(I32);
  const pa = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const sp = f.local(V128), bv = [f.local(V128), f.local(V128)];
  const acc = [0, 1, 2, 3].map(() => [f.local(V128), f.local(V128)]);
  const s = f.local(F32);

  // pa[r] = A + (i + r) * ROW
  const rowPointer = (r: number) => f.get(i).i32(r).add().get(ROW).mul().get(A).add().set(pa[r]);
  // pc = C + ((i + r) * n + j) * 4
  const outPointer = (r: number) =>
    f.get(i).i32(r).add().get(N).mul().get(j).add().i32(4).mul().get(C).add().set(pc);
  // Runs `body` k times (nothing when k is 0), p counting down.
  const overK = (body: () => void) => {
    f.get(K).set(p).block().get(K).eqz().brIf(0).loop();
    body();
    f.get(p).i32(1).sub().set(p).get(p).brIf(0).end().end();
  };

  const vectorBlock = (rows: number, vecs: number) => {
    for (let r = 0; r < rows; r++) rowPointer(r);
    f.get(j).i32(4).mul().get(B).add().set(pb);
    for (let r = 0; r < rows; r++) for (let v = 0; v < vecs; v++) f.v128Zero().set(acc[r][v]);
    overK(() => {
      for (let v = 0; v < vecs; v++) f.get(pb).v128Load(16 * v).set(bv[v]);
      for (let r = 0; r < rows; r++) {
        f.get(pa[r]).v128Load32Splat().set(sp);
        for (let v = 0; v < vecs; v++) {
          if (fma) f.get(sp).get(bv[v]).get(acc[r][v]).f32x4RelaxedMadd().set(acc[r][v]);
          else f.get(acc[r][v]).get(sp).get(bv[v]).f32x4Mul().f32x4Add().set(acc[r][v]);
        }
        f.inc(pa[r], { local: DEPTH });
      }
      f.inc(pb, { local: n4 });
    });
    for (let r = 0; r < rows; r++) {
      outPointer(r);
      f.get(ACC).if();
      for (let v = 0; v < vecs; v++) {
        f.get(acc[r][v]).get(pc).v128Load(16 * v).f32x4Add().set(acc[r][v]);
      }
      f.end();
      for (let v = 0; v < vecs; v++) f.get(pc).get(acc[r][v]).v128Store(16 * v);
    }
  };

  const scalarDot = (r: number) => {
    rowPointer(r);
    f.get(pa[r]).set(pa[0]);
    f.get(j).i32(4).mul().get(B).add().set(pb);
    f.f32Zero().set(s);
    overK(() => {
      f.get(s).get(pa[0]).f32Load().get(pb).f32Load().f32Mul().f32Add().set(s);
      f.inc(pa[0], { local: DEPTH }).inc(pb, { local: n4 });
    });
    outPointer(r);
    f.get(ACC).if().get(s).get(pc).f32Load().f32Add().set(s).end();
    f.get(pc).get(s).f32Store();
  };

  // while (n - j >= width) { body; j += width }
  const columns = (width: number, body: () => void) => {
    f.block().loop();
    f.get(N).get(j).sub().i32(width).ltS().brIf(1);
    body();
    f.inc(j, width).br(0).end().end();
  };

  const rowGroup = (rows: number) => {
    f.i32(0).set(j);
    columns(8, () => vectorBlock(rows, 2));
    columns(4, () => vectorBlock(rows, 1));
    columns(1, () => {
      for (let r = 0; r < rows; r++) scalarDot(r);
    });
  };

  f.get(N).i32(4).mul().set(n4);
  f.i32(0).set(i);
  for (const rows of [4, 1]) {
    f.block().loop();
    f.get(M).get(i).sub().i32(rows).ltS().brIf(1);
    rowGroup(rows);
    f.inc(i, rows).br(0).end().end();
  }
  return f;
}

/**
 * im2col (windows of x into cols, padding as zeros) or, with `adjoint`,
 * col2im (cols added back onto a cleared x): the same walk over windows as
 * the JS versions, with whole channel runs copied or added at once.
 */
function windowsBody(adjoint: boolean): FunctionBody {
  const f = new FunctionBody(new Array(16).fill(I32), []);
  const [X, COLS, BATCH, IN_H, IN_W, CH, OUT_H, OUT_W, FH, FW, SH, SW, DH, DW, PT, PL] = f.params
    .map((_, i) => i);
  const n = f.local(I32),
    oy = f.local(I32),
    ox = f.local(I32),
    ky = f.local(I32),
    kx = f.local(I32);
  const iy = f.local(I32), ix = f.local(I32), y0 = f.local(I32), x0 = f.local(I32);
  const o = f.local(I32), rowStride = f.local(I32), cb = f.local(I32), imageBytes = f.local(I32);
  const base = f.local(I32), rowBase = f.local(I32), src = f.local(I32), q = f.local(I32);
  const rowBytes = f.local(I32);
  // for (v = 0; v < limit; v++) body
  const count = (v: number, limit: number, body: () => void) => {
    f.i32(0).set(v).block().loop();
    f.get(v).get(limit).geU().brIf(1);
    body();
    f.inc(v, 1).br(0).end().end();
  };
  // For q over [0, bytes): 16 bytes at a time, then 4. Explicit loops beat
  // memory.copy/fill on runs this short (4..128 bytes).
  const runs = (bytes: number, vector: () => void, scalar: () => void) => {
    f.i32(0).set(q).block().loop();
    f.get(bytes).get(q).sub().i32(16).ltS().brIf(1);
    vector();
    f.inc(q, 16).br(0).end().end();
    f.block().loop();
    f.get(q).get(bytes).geU().brIf(1);
    scalar();
    f.inc(q, 4).br(0).end().end();
  };
  const zeros = (bytes: number) =>
    runs(
      bytes,
      () => f.get(o).get(q).add().v128Zero().v128Store(),
      () => f.get(o).get(q).add().f32Zero().f32Store(),
    );
  f.get(CH).i32(4).mul().set(cb);
  f.get(IN_W).get(cb).mul().set(rowStride);
  f.get(IN_H).get(rowStride).mul().set(imageBytes);
  f.get(FW).get(cb).mul().set(rowBytes);
  if (adjoint) f.get(X).i32(0).get(BATCH).get(imageBytes).mul().memoryFill();
  f.get(COLS).set(o);
  count(n, BATCH, () => {
    f.get(n).get(imageBytes).mul().get(X).add().set(base);
    count(oy, OUT_H, () => {
      f.get(oy).get(SH).mul().get(PT).sub().set(y0);
      count(ox, OUT_W, () => {
        f.get(ox).get(SW).mul().get(PL).sub().set(x0);
        count(ky, FH, () => {
          f.get(ky).get(DH).mul().get(y0).add().set(iy);
          // Row outside the image: zeros (im2col) or nothing to add (col2im).
          f.get(iy).get(IN_H).geU().if();
          if (!adjoint) zeros(rowBytes);
          f.inc(o, { local: rowBytes });
          f.else();
          f.get(iy).get(rowStride).mul().get(base).add().set(rowBase);
          count(kx, FW, () => {
            f.get(kx).get(DW).mul().get(x0).add().set(ix);
            f.get(ix).get(IN_W).geU().if();
            if (!adjoint) zeros(cb);
            f.else();
            f.get(ix).get(cb).mul().get(rowBase).add().set(src);
            if (!adjoint) {
              runs(
                cb,
                () => f.get(o).get(q).add().get(src).get(q).add().v128Load().v128Store(),
                () => f.get(o).get(q).add().get(src).get(q).add().f32Load().f32Store(),
              );
            } else {
              // x[src + c] += cols[o + c]
              runs(
                cb,
                () =>
                  f.get(src).get(q).add().get(src).get(q).add().v128Load().get(o).get(q).add()
                    .v128Load().f32x4Add().v128Store(),
                () =>
                  f.get(src).get(q).add().get(src).get(q).add().f32Load().get(o).get(q).add()
                    .f32Load().f32Add().f32Store(),
              );
            }
            f.end();
            f.inc(o, { local: cb });
          });
          f.end();
        });
      });
    });
  });
  return f;
}

/** Loops q over [0, bytes) in steps of 16 (callers guarantee bytes % 16 == 0). */
function overVectors(f: FunctionBody, q: number, bytes: number, body: () => void) {
  f.i32(0).set(q).block().loop();
  f.get(q).get(bytes).geU().brIf(1);
  body();
  f.inc(q, 16).br(0).end().end();
}

/** The activation codes of biasAct/actGrad. */
const ACTIVATIONS = ["linear", "relu", "sigmoid"];

/** Vector width in floats for a channel count: 4 for 1, 2 and 4, the count for multiples of 4. */
function lanesFor(channels: number): number {
  if (channels === 1 || channels === 2) return 4;
  return channels > 0 && channels % 4 === 0 ? channels : 0;
}

/**
 * Pushes sigmoid(v) = 1 / (1 + exp(-v)) for the f32x4 on the stack. exp(t) =
 * 2^n · 2^f with n = nearest(t·log2 e) and a degree-6 Taylor polynomial for
 * 2^f, |f| <= 0.5 (relative error about 2e-7); t is clamped to [-87, 87] so
 * 2^n stays a normal float.
 */
function sigmoid(f: FunctionBody, v: number, t: number, n: number) {
  const splat = (x: number) => f.f32(x).f32x4Splat();
  // t = clamp(-v, -87, 87) · log2(e)
  f.get(v).f32x4Neg();
  splat(87).f32x4Min();
  splat(-87).f32x4Max();
  splat(Math.LOG2E).f32x4Mul().set(t);
  f.get(t).f32x4Nearest().set(n);
  // f = t - n, then 2^f = Σ (f ln2)^k / k!, by Horner.
  f.get(t).get(n).f32x4Sub().set(t);
  const coefficients = [1, 2, 3, 4, 5, 6].map((k) =>
    Math.pow(Math.LN2, k) / [1, 2, 6, 24, 120, 720][k - 1]
  );
  splat(coefficients[5]);
  for (let k = 4; k >= 0; k--) f.get(t).f32x4Mul().f32(coefficients[k]).f32x4Splat().f32x4Add();
  f.get(t).f32x4Mul().f32(1).f32x4Splat().f32x4Add();
  // · 2^n, built from the exponent bits: (n + 127) << 23.
  f.get(n).i32x4TruncSatF32x4S().i32(127).i32x4Splat().i32x4Add().i32(23).i32x4Shl();
  f.f32x4Mul();
  // 1 / (1 + e)
  f.set(t);
  splat(1).get(t).f32(1).f32x4Splat().f32x4Add().f32x4Div();
}

/** biasAct(y, bias, rows, rowBytes, act): y[r, :] += bias, then act (0 linear, 1 relu, 2 sigmoid). */
function biasActBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32], []);
  const [Y, BIAS, ROWS, CB, ACT] = [0, 1, 2, 3, 4];
  const p = f.local(I32), end = f.local(I32), q = f.local(I32), zero = f.local(V128);
  const v = f.local(V128), t = f.local(V128), n = f.local(V128);
  f.v128Zero().set(zero);
  f.get(ROWS).get(CB).mul().get(Y).add().set(end);
  ACTIVATIONS.forEach((_, code) => {
    f.get(ACT).i32(code).eq().if();
    f.get(Y).set(p).block().loop();
    f.get(p).get(end).geU().brIf(1);
    overVectors(f, q, CB, () => {
      f.get(p).get(q).add().v128Load().get(BIAS).get(q).add().v128Load().f32x4Add().set(v);
      f.get(p).get(q).add();
      if (code === 1) f.get(v).get(zero).f32x4Max();
      else if (code === 2) sigmoid(f, v, t, n);
      else f.get(v);
      f.v128Store();
    });
    f.inc(p, { local: CB }).br(0).end().end();
    f.end();
  });
  return f;
}

/** actGrad(dy, y, bytes, act): dy *= act'(y) (1 relu: y > 0; 2 sigmoid: y (1 - y)). */
function actGradBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32], []);
  const [DY, Y, BYTES, ACT] = [0, 1, 2, 3];
  const q = f.local(I32), zero = f.local(V128), y = f.local(V128);
  f.v128Zero().set(zero);
  f.get(ACT).i32(1).eq().if();
  overVectors(f, q, BYTES, () => {
    f.get(DY).get(q).add();
    f.get(DY).get(q).add().v128Load();
    f.get(Y).get(q).add().v128Load().get(zero).f32x4Gt();
    f.v128And().v128Store();
  });
  f.else();
  overVectors(f, q, BYTES, () => {
    f.get(Y).get(q).add().v128Load().set(y);
    f.get(DY).get(q).add();
    f.get(DY).get(q).add().v128Load().get(y).f32x4Mul();
    f.f32(1).f32x4Splat().get(y).f32x4Sub().f32x4Mul();
    f.v128Store();
  });
  f.end();
  return f;
}

/** biasGrad(dz, out, rows, rowBytes): out = sum of dz's rows. */
function biasGradBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32], []);
  const [DZ, OUT, ROWS, CB] = [0, 1, 2, 3];
  const p = f.local(I32), end = f.local(I32), q = f.local(I32);
  overVectors(f, q, CB, () => f.get(OUT).get(q).add().v128Zero().v128Store());
  f.get(ROWS).get(CB).mul().get(DZ).add().set(end);
  f.get(DZ).set(p).block().loop();
  f.get(p).get(end).geU().brIf(1);
  overVectors(f, q, CB, () => {
    f.get(OUT).get(q).add();
    f.get(OUT).get(q).add().v128Load().get(p).get(q).add().v128Load().f32x4Add();
    f.v128Store();
  });
  f.inc(p, { local: CB }).br(0).end().end();
  return f;
}

/** adam(p, g, m, v, bytes, b1, b2, 1-b1, 1-b2, c1, c2, lr, eps): one Adam update, f32x4 at a time. */
function adamBody(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32], []);
  const [P, G, M, V, BYTES] = [0, 1, 2, 3, 4];
  const scalars = [5, 6, 7, 8, 9, 10, 11, 12].map((i) => {
    const vec = f.local(V128);
    f.get(i).f32x4Splat().set(vec);
    return vec;
  });
  const [b1, b2, k1, k2, c1, c2, lr, eps] = scalars;
  const q = f.local(I32), g = f.local(V128), mv = f.local(V128), vv = f.local(V128);
  overVectors(f, q, BYTES, () => {
    f.get(G).get(q).add().v128Load().set(g);
    // m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g²
    f.get(M).get(q).add().v128Load().get(b1).f32x4Mul().get(g).get(k1).f32x4Mul().f32x4Add().set(
      mv,
    );
    f.get(V).get(q).add().v128Load().get(b2).f32x4Mul();
    f.get(g).get(g).f32x4Mul().get(k2).f32x4Mul().f32x4Add().set(vv);
    f.get(M).get(q).add().get(mv).v128Store();
    f.get(V).get(q).add().get(vv).v128Store();
    // p -= lr (m c1) / (sqrt(v c2) + eps)
    f.get(P).get(q).add();
    f.get(P).get(q).add().v128Load();
    f.get(lr).get(mv).get(c1).f32x4Mul().f32x4Mul();
    f.get(vv).get(c2).f32x4Mul().f32x4Sqrt().get(eps).f32x4Add().f32x4Div();
    f.f32x4Sub().v128Store();
  });
  return f;
}

/** maxPool(x, y, argmax, batch, inH, inW, rowBytes=4c, outH, outW, ph, pw, sh, sw, padTop, padLeft). */
function maxPoolBody(): FunctionBody {
  const f = new FunctionBody(new Array(15).fill(I32), []);
  const [X, Y, ARG, BATCH, IN_H, IN_W, CB, OUT_H, OUT_W, PH, PW, SH, SW, PT, PL] = f.params.map((
    _,
    i,
  ) => i);
  const n = f.local(I32),
    oy = f.local(I32),
    ox = f.local(I32),
    iy = f.local(I32),
    ix = f.local(I32);
  const y0 = f.local(I32), y1 = f.local(I32), x0 = f.local(I32), x1 = f.local(I32);
  const image = f.local(I32),
    o = f.local(I32),
    a = f.local(I32),
    q = f.local(I32),
    pos = f.local(I32);
  const best = f.local(V128), idx = f.local(V128), v = f.local(V128), mask = f.local(V128);
  const lanes = f.local(V128);
  const count = (vr: number, from: () => void, limit: () => void, body: () => void) => {
    from();
    f.set(vr).block().loop();
    f.get(vr);
    limit();
    f.geU().brIf(1);
    body();
    f.inc(vr, 1).br(0).end().end();
  };
  // max(0, s) and min(limit, s) for the window's clipped bounds.
  const clipLow = (start: () => void, target: number) => {
    start();
    f.set(target).get(target).i32(0).get(target).i32(0).gtS().select().set(target);
  };
  const clipHigh = (end: () => void, limit: number, target: number) => {
    end();
    f.set(target).get(target).get(limit).get(target).get(limit).ltS().select().set(target);
  };
  f.v128I32(0, 1, 2, 3).set(lanes);
  f.get(Y).set(o).get(ARG).set(a);
  count(n, () => f.i32(0), () => f.get(BATCH), () => {
    f.get(n).get(IN_H).mul().get(IN_W).mul().get(CB).mul().get(X).add().set(image);
    count(oy, () => f.i32(0), () => f.get(OUT_H), () => {
      clipLow(() => f.get(oy).get(SH).mul().get(PT).sub(), y0);
      clipHigh(() => f.get(oy).get(SH).mul().get(PT).sub().get(PH).add(), IN_H, y1);
      count(ox, () => f.i32(0), () => f.get(OUT_W), () => {
        clipLow(() => f.get(ox).get(SW).mul().get(PL).sub(), x0);
        clipHigh(() => f.get(ox).get(SW).mul().get(PL).sub().get(PW).add(), IN_W, x1);
        overVectors(f, q, CB, () => {
          // Start from the window's first value; later ones replace it only when greater.
          f.get(y0).get(IN_W).mul().get(x0).add().get(CB).mul().get(image).add().get(q).add()
            .set(pos);
          f.get(pos).v128Load().set(best);
          f.get(pos).get(X).sub().i32(2).shrU().i32x4Splat().get(lanes).i32x4Add().set(idx);
          count(iy, () => f.get(y0), () => f.get(y1), () => {
            count(ix, () => f.get(x0), () => f.get(x1), () => {
              f.get(iy).get(IN_W).mul().get(ix).add().get(CB).mul().get(image).add().get(q).add()
                .set(pos);
              f.get(pos).v128Load().set(v);
              f.get(v).get(best).f32x4Gt().set(mask);
              f.get(v).get(best).get(mask).v128Bitselect().set(best);
              f.get(pos).get(X).sub().i32(2).shrU().i32x4Splat().get(lanes).i32x4Add();
              f.get(idx).get(mask).v128Bitselect().set(idx);
            });
          });
          f.get(o).get(q).add().get(best).v128Store();
          f.get(a).get(q).add().get(idx).v128Store();
        });
        f.inc(o, { local: CB }).inc(a, { local: CB });
      });
    });
  });
  return f;
}
