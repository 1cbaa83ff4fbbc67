import { convWindow } from "./conv_window.ts";
import type { Activation, PlannedOp, TensorSlot } from "./network_plan.ts";
import type { WasmGemm } from "./wasm_gemm.ts";

// The fused network's element-wise and pooling loops in plain JS: the fallback
// where the WebAssembly kernels decline (odd channel counts, tanh, softmax, no SIMD).

/** out[j * rows + i] = a[i * cols + j]. */
export function transpose(
  a: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array,
): Float32Array {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  }
  return out;
}

/** Adds the bias (per channel, last axis) and applies the activation, in place. */
export function biasAndActivation(
  y: Float32Array,
  params: Float32Array,
  biasOffset: number,
  channels: number,
  act: Activation,
) {
  const n = y.length;
  if (biasOffset >= 0) {
    for (let i = 0; i < n; i += channels) {
      for (let c = 0; c < channels; c++) y[i + c] += params[biasOffset + c];
    }
  }
  if (act === "relu") {
    for (let i = 0; i < n; i++) if (y[i] < 0) y[i] = 0;
  } else if (act === "sigmoid") {
    for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-y[i]));
  } else if (act === "tanh") {
    for (let i = 0; i < n; i++) y[i] = Math.tanh(y[i]);
  } else if (act === "softmax") {
    for (let i = 0; i < n; i += channels) {
      let max = -Infinity;
      for (let c = 0; c < channels; c++) max = Math.max(max, y[i + c]);
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += y[i + c] = Math.exp(y[i + c] - max);
      for (let c = 0; c < channels; c++) y[i + c] /= sum;
    }
  }
}

/** Turns dL/dy into dL/dz (z before the activation), in place, from the outputs y. */
export function activationBackward(dy: Float32Array, y: Float32Array, n: number, act: Activation) {
  if (act === "relu") {
    for (let i = 0; i < n; i++) if (y[i] <= 0) dy[i] = 0;
  } else if (act === "sigmoid") {
    for (let i = 0; i < n; i++) dy[i] *= y[i] * (1 - y[i]);
  } else if (act === "tanh") {
    for (let i = 0; i < n; i++) dy[i] *= 1 - y[i] * y[i];
  } else if (act === "softmax") {
    throw new TypeError("softmax backward needs the cross-entropy gradient on the logits");
  }
}

/** grads[offset + c] = the sum over rows of dz[row, c] (the bias gradient). */
export function biasGradient(
  dz: Float32Array,
  n: number,
  channels: number,
  grads: Float32Array,
  offset: number,
) {
  for (let c = 0; c < channels; c++) grads[offset + c] = 0;
  for (let i = 0; i < n; i += channels) {
    for (let c = 0; c < channels; c++) grads[offset + c] += dz[i + c];
  }
}

/**
 * Max pooling forward, NHWC: y = each window's maximum, argmax = its index in
 * x (the first in row-major window order), for the backward pass to route
 * gradients; the SIMD kernel when it accepts, else a JS loop.
 */
export function maxPoolForward(
  op: Extract<PlannedOp<TensorSlot>, { kind: "maxPool" }>,
  x: Float32Array,
  y: Float32Array,
  argmax: Int32Array,
  batch: number,
  wasm: WasmGemm | null,
) {
  const [inH, inW, c] = op.inShape;
  const [outH, outW] = op.outShape;
  const { padTop: top, padLeft: left } = convWindow(
    [inH, inW],
    op.poolSize,
    op.strides,
    [1, 1],
    op.padding,
  );
  const [ph, pw] = op.poolSize, [sh, sw] = op.strides;
  const pool = {
    batch,
    inHeight: inH,
    inWidth: inW,
    channels: c,
    outHeight: outH,
    outWidth: outW,
    poolHeight: ph,
    poolWidth: pw,
    strideHeight: sh,
    strideWidth: sw,
    padTop: top,
    padLeft: left,
  };
  // Compare-and-select four channels at a time: the JS loop's unpredictable branch costs ~6 ns.
  if (wasm?.maxPool(x, y, argmax, pool)) return;
  // Channels innermost: every window position is one contiguous run of c values.
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = Math.max(0, oy * sh - top), y1 = Math.min(inH, oy * sh - top + ph);
      for (let ox = 0; ox < outW; ox++, o += c) {
        const x0 = Math.max(0, ox * sw - left), x1 = Math.min(inW, ox * sw - left + pw);
        const first = ((image + y0) * inW + x0) * c;
        for (let ch = 0; ch < c; ch++) {
          y[o + ch] = x[first + ch];
          argmax[o + ch] = first + ch;
        }
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = iy === y0 ? x0 + 1 : x0; ix < x1; ix++) {
            const base = ((image + iy) * inW + ix) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > y[o + ch]) {
                y[o + ch] = v;
                argmax[o + ch] = base + ch;
              }
            }
          }
        }
      }
    }
  }
}
