import type { ConvGeometry } from "./conv_geometry.ts";
import { convWindow } from "./conv_window.ts";
import { col2im } from "./col2im.ts";
import type { GemmFunction } from "./conv2d.ts";
import { gemm } from "./gemm.ts";
import { im2col } from "./im2col.ts";
import { createWasmGemm, type WasmGemm } from "./wasm_gemm.ts";
import {
  activationBackward,
  biasAndActivation,
  biasGradient,
  maxPoolForward,
  transpose,
} from "./fused_ops.ts";
import type { Activation, NetworkPlan, PlannedOp, TensorSlot } from "./network_plan.ts";

/**
 * A whole layer chain's forward and backward pass in plain Float32Array
 * loops, with no tfjs op in between: the per-op overhead of tfjs (tensor
 * bookkeeping, tape, kernel dispatch) was about half of a training step.
 */
export interface FusedNetwork {
  readonly plan: NetworkPlan<TensorSlot>;
  /**
   * Runs `batch` samples through the chain with the flat `params`; returns
   * the output (owned by the network, overwritten by the next call).
   */
  forward(params: Float32Array, input: Float32Array, batch: number): Float32Array;
  /**
   * Back-propagates `dOutput` through the last forward pass and writes every
   * parameter's gradient into `grads` (flat, same layout as params). When the
   * last activation is softmax, `dOutput` is the gradient with respect to the
   * logits (what softmax cross-entropy gives), otherwise with respect to the
   * output.
   */
  backward(params: Float32Array, dOutput: Float32Array, grads: Float32Array): void;
  /** Bytes of buffers held between calls (WebAssembly memory with SIMD), for leak checks. */
  heldBytes(): number;
  /** Milliseconds per part since the last reset, when built with `profile`. */
  profile(): Record<string, number>;
  /** Clears the profile counters. */
  resetProfile(): void;
}

interface BatchState {
  batch: number;
  /** The network input, copied (into WebAssembly memory with SIMD). */
  input: Float32Array;
  acts: Float32Array[];
  geometry: (ConvGeometry | null)[];
  argmax: (Int32Array | null)[];
  /** Per convolution: its im2col matrix [P, K], kept from forward to backward. */
  cols: (Float32Array | null)[];
  gradA: Float32Array;
  gradB: Float32Array;
  transposeTmp: Float32Array;
  filterT: Float32Array;
}

/** What the per-op functions share: the GEMM and window kernels in use (SIMD or JS). */
interface Context {
  /** The SIMD kernels, when available (their methods decline what they cannot do). */
  wasm: WasmGemm | null;
  gemm: GemmFunction;
  im2col: (x: Float32Array, g: ConvGeometry, out: Float32Array) => Float32Array;
  col2im: (cols: Float32Array, g: ConvGeometry, out: Float32Array) => Float32Array;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Builds the fused forward/backward pass for a plan from `planNetwork`. */
export function createFusedNetwork(
  plan: NetworkPlan<TensorSlot>,
  options: { profile?: boolean; simd?: boolean } = {},
): FusedNetwork {
  plan.ops.forEach((op, i) => {
    if ("activation" in op && op.activation === "softmax" && i !== plan.ops.length - 1) {
      throw new TypeError(
        `createFusedNetwork: softmax is supported on the last layer only, found on "${op.name}"`,
      );
    }
  });
  // The SIMD GEMM is 6-7x the plain-JS one; `simd: false` keeps the JS one (for comparison).
  const wasm = options.simd === false ? null : wasmGemmOrNull();
  const ctx: Context = wasm
    ? { wasm, gemm: wasm.gemm, im2col: wasm.im2col, col2im: wasm.col2im }
    : { wasm: null, gemm, im2col, col2im };
  const times: Record<string, number> = {};
  const timed = options.profile === true;
  let state: BatchState | null = null;

  const prepare = (batch: number): BatchState => {
    if (state?.batch === batch) return state;
    let maxSize = size(plan.inShape), maxTranspose = 0, maxKernel = 0;
    const geometry = plan.ops.map((op) => convGeometry(op, batch));
    const lengths: number[] = [batch * size(plan.inShape)];
    for (const [i, op] of plan.ops.entries()) {
      maxSize = Math.max(maxSize, size(op.outShape));
      lengths.push(op.kind === "reshape" ? 0 : batch * size(op.outShape));
      const g = geometry[i];
      lengths.push(
        g ? g.batch * g.outHeight * g.outWidth * g.filterHeight * g.filterWidth * g.inChannels : 0,
      );
      // Max pooling's argmax: int32, in the same memory (viewed as Int32Array below).
      lengths.push(op.kind === "maxPool" ? batch * size(op.outShape) : 0);
      if (op.kind === "dense") maxTranspose = Math.max(maxTranspose, batch * op.inShape[0]);
      if ("kernel" in op) maxKernel = Math.max(maxKernel, op.kernel.size);
    }
    lengths.push(batch * maxSize, batch * maxSize, Math.max(maxTranspose, maxKernel), maxKernel);
    // With SIMD every buffer lives in WebAssembly memory, so the GEMM reads it in place;
    // only weights and their gradients (a few kilobytes) are staged.
    const buffers = wasm
      ? wasm.alloc(lengths, 2 * maxKernel + 64)
      : lengths.map((n) => new Float32Array(n));
    const [input, ...rest] = buffers;
    const ops = plan.ops.length;
    const perOp = rest.slice(0, 3 * ops);
    const [gradA, gradB, transposeTmp, filterT] = rest.slice(3 * ops);
    const argmax = plan.ops.map((op, i) => {
      const b = perOp[3 * i + 2];
      return op.kind === "maxPool" ? new Int32Array(b.buffer, b.byteOffset, b.length) : null;
    });
    state = {
      batch,
      input,
      acts: plan.ops.map((_, i) => perOp[3 * i]),
      cols: plan.ops.map((_, i) => (geometry[i] ? perOp[3 * i + 1] : null)),
      geometry,
      argmax,
      gradA,
      gradB,
      transposeTmp,
      filterT,
    };
    return state;
  };

  const clock = (key: string, t0: number) => {
    times[key] = (times[key] ?? 0) + performance.now() - t0;
  };

  return {
    plan,
    heldBytes() {
      if (wasm) return wasm.memoryBytes();
      if (!state) return 0;
      const { input, acts, cols, gradA, gradB, transposeTmp, filterT } = state;
      return [input, ...acts, ...cols, gradA, gradB, transposeTmp, filterT]
        .reduce((sum, b) => sum + (b?.byteLength ?? 0), 0);
    },
    forward(params, input, batch) {
      if (!Number.isInteger(batch) || batch <= 0) {
        throw new RangeError(`forward: batch must be a positive integer, got ${batch}`);
      }
      if (input.length !== batch * size(plan.inShape)) {
        throw new RangeError(
          `forward: input has ${input.length} values, expected ${batch} x [${plan.inShape}] = ${
            batch * size(plan.inShape)
          }`,
        );
      }
      if (params.length !== plan.paramCount) {
        throw new RangeError(
          `forward: ${params.length} parameters given, the network has ${plan.paramCount}`,
        );
      }
      const s = prepare(batch);
      s.input.set(input);
      let x = s.input;
      for (let i = 0; i < plan.ops.length; i++) {
        const t0 = timed ? performance.now() : 0;
        const op = plan.ops[i];
        if (op.kind === "reshape") {
          s.acts[i] = x;
          continue;
        }
        const y = s.acts[i];
        forwardOp(op, params, x, y, s, i, ctx);
        x = y;
        if (timed) clock(`forward ${op.name}`, t0);
      }
      return x;
    },
    backward(params, dOutput, grads) {
      const s = state;
      if (!s) throw new TypeError("backward: call forward first");
      const last = plan.ops.length - 1;
      let dy = s.gradA, spare = s.gradB;
      const outSize = s.batch * size(plan.outShape);
      if (dOutput.length !== outSize) {
        throw new RangeError(`backward: dOutput has ${dOutput.length} values, expected ${outSize}`);
      }
      if (grads.length !== plan.paramCount) {
        throw new RangeError(
          `backward: grads has ${grads.length} values, expected ${plan.paramCount}`,
        );
      }
      dy.set(dOutput);
      for (let i = last; i >= 0; i--) {
        const t0 = timed ? performance.now() : 0;
        const op = plan.ops[i];
        if (op.kind === "reshape") continue;
        const x = i === 0 ? s.input : s.acts[i - 1];
        const softmaxDone = i === last && "activation" in op && op.activation === "softmax";
        const needDx = i > 0;
        const dx = backwardOp(
          op,
          params,
          grads,
          x,
          s.acts[i],
          dy,
          spare,
          s,
          i,
          needDx,
          softmaxDone,
          ctx,
        );
        if (dx === spare) {
          spare = dy;
          dy = dx;
        }
        if (timed) clock(`backward ${op.name}`, t0);
      }
    },
    profile: () => ({ ...times }),
    resetProfile() {
      for (const key of Object.keys(times)) delete times[key];
    },
  };
}

function wasmGemmOrNull() {
  try {
    return createWasmGemm();
  } catch {
    return null; // no WebAssembly SIMD here: the plain-JS GEMM does the work
  }
}

function convGeometry(op: PlannedOp<TensorSlot>, batch: number): ConvGeometry | null {
  if (op.kind !== "conv2d" && op.kind !== "conv2dTranspose") return null;
  // A transposed convolution is the backward pass of the convolution that maps its output to its input.
  const convIn = op.kind === "conv2d" ? op.inShape : op.outShape;
  // tfjs lays out both kernels as [h, w, convIn channels, convOut channels] in that view.
  const [filterHeight, filterWidth, inChannels, outChannels] = op.filterShape;
  const window = convWindow(
    [convIn[0], convIn[1]],
    [filterHeight, filterWidth],
    op.strides,
    op.dilations,
    op.padding,
  );
  return {
    batch,
    inHeight: convIn[0],
    inWidth: convIn[1],
    inChannels,
    outHeight: window.outHeight,
    outWidth: window.outWidth,
    outChannels,
    filterHeight,
    filterWidth,
    strideHeight: op.strides[0],
    strideWidth: op.strides[1],
    dilationHeight: op.dilations[0],
    dilationWidth: op.dilations[1],
    padTop: window.padTop,
    padLeft: window.padLeft,
  };
}

function forwardOp(
  op: PlannedOp<TensorSlot>,
  params: Float32Array,
  x: Float32Array,
  y: Float32Array,
  s: BatchState,
  i: number,
  ctx: Context,
): void {
  switch (op.kind) {
    case "conv2d":
    case "conv2dTranspose": {
      const g = s.geometry[i]!, cols = s.cols[i]!;
      const w = params.subarray(op.kernel.offset, op.kernel.offset + op.kernel.size);
      const p = g.batch * g.outHeight * g.outWidth,
        k = g.filterHeight * g.filterWidth * g.inChannels;
      if (op.kind === "conv2d") {
        // The windows stay in `cols` for the filter gradient.
        ctx.im2col(x, g, cols);
        ctx.gemm(cols, w, y, p, k, g.outChannels);
      } else {
        // Transposed: window values [P, outC]·Wᵀ, then summed back onto the (larger) output.
        transpose(w, k, g.outChannels, s.filterT);
        ctx.gemm(x, s.filterT, cols, p, g.outChannels, k);
        ctx.col2im(cols, g, y);
      }
      addBiasActivate(ctx, y, params, op.bias, op.outShape[2], op.activation);
      return;
    }
    case "dense": {
      const w = params.subarray(op.kernel.offset, op.kernel.offset + op.kernel.size);
      ctx.gemm(x, w, y, s.batch, op.inShape[0], op.outShape[0]);
      addBiasActivate(ctx, y, params, op.bias, op.outShape[0], op.activation);
      return;
    }
    case "maxPool":
      maxPoolForward(op, x, y, s.argmax[i]!, s.batch, ctx.wasm);
      return;
    case "activation":
      y.set(x);
      biasAndActivation(y, params, -1, op.outShape.at(-1)!, op.activation);
      return;
  }
}

/** Bias and activation, in SIMD where the kernel can (linear, relu, sigmoid; most channel counts). */
function addBiasActivate(
  ctx: Context,
  y: Float32Array,
  params: Float32Array,
  bias: TensorSlot | null,
  channels: number,
  act: Activation,
) {
  const b = bias ? params.subarray(bias.offset, bias.offset + bias.size) : null;
  if (ctx.wasm?.biasActivation(y, b, channels, act)) return;
  biasAndActivation(y, params, bias?.offset ?? -1, channels, act);
}

function backwardOp(
  op: PlannedOp<TensorSlot>,
  params: Float32Array,
  grads: Float32Array,
  x: Float32Array,
  y: Float32Array,
  dy: Float32Array,
  spare: Float32Array,
  s: BatchState,
  i: number,
  needDx: boolean,
  softmaxDone: boolean,
  ctx: Context,
): Float32Array {
  const n = y.length;
  if (op.kind === "reshape") return dy;
  if (op.kind === "maxPool") {
    const dx = spare.subarray(0, x.length);
    dx.fill(0);
    const am = s.argmax[i]!;
    for (let o = 0; o < n; o++) dx[am[o]] += dy[o];
    return spare;
  }
  const dz = dy.subarray(0, n);
  if (!softmaxDone && !ctx.wasm?.activationBackward(dz, y, op.activation)) {
    activationBackward(dy, y, n, op.activation);
  }
  if (op.kind === "activation") return dy;
  const channels = op.outShape.at(-1)!;
  if (op.bias) {
    const gb = grads.subarray(op.bias.offset, op.bias.offset + channels);
    if (!ctx.wasm?.biasGradient(dz, channels, gb)) {
      biasGradient(dz, n, channels, grads, op.bias.offset);
    }
  }
  const w = params.subarray(op.kernel.offset, op.kernel.offset + op.kernel.size);
  const gw = grads.subarray(op.kernel.offset, op.kernel.offset + op.kernel.size);
  const dx = spare.subarray(0, x.length);
  if (op.kind === "conv2d" || op.kind === "conv2dTranspose") {
    const g = s.geometry[i]!, cols = s.cols[i]!;
    const p = g.batch * g.outHeight * g.outWidth, k = g.filterHeight * g.filterWidth * g.inChannels;
    const co = g.outChannels;
    if (op.kind === "conv2d") {
      // dW = colsᵀ·dz with the windows kept from forward; then cols is free for dx's windows.
      ctx.gemm(cols, dz, gw, k, p, co, false, true);
      if (needDx) {
        ctx.gemm(dz, transpose(w, k, co, s.filterT), cols, p, co, k);
        ctx.col2im(cols, g, dx);
      }
    } else {
      // One im2col of dz serves both: dW = colsᵀ·x and dx = cols·W.
      ctx.im2col(dz, g, cols);
      ctx.gemm(cols, x, gw, k, p, co, false, true);
      if (needDx) ctx.gemm(cols, w, dx, p, k, co);
    }
  } else {
    const batch = s.batch, inSize = op.inShape[0], outSize = op.outShape[0];
    // dW = xᵀ·dz, reading x transposed in place; dx = dz·Wᵀ.
    ctx.gemm(x, dz, gw, inSize, batch, outSize, false, true);
    if (needDx) {
      ctx.gemm(dz, transpose(w, inSize, outSize, s.transposeTmp), dx, batch, outSize, inSize);
    }
  }
  return spare;
}
