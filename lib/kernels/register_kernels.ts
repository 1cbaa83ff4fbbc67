import * as tf from "@tensorflow/tfjs";
import { type ConvGeometry, geometryFromConvInfo } from "./conv_geometry.ts";
import { conv2dForward, type ConvScratch } from "./conv2d.ts";
import { conv2dBackpropFilter } from "./conv2d_backprop_filter.ts";
import { conv2dBackpropInput } from "./conv2d_backprop_input.ts";
import { createWasmGemm, type WasmGemm } from "./wasm_gemm.ts";

/** The kernels `registerConvKernels` can install. */
export type ConvKernelName = "Conv2D" | "Conv2DBackpropInput" | "Conv2DBackpropFilter";

/** The backend surface the kernels use: `readSync`, plus an output maker. */
interface KernelBackend {
  readSync(dataId: unknown): unknown;
  makeOutput?(
    shape: number[],
    dtype: string,
    memoryOffset?: number,
    values?: Float32Array,
  ): tf.TensorInfo;
  makeTensorInfo?(shape: number[], dtype: string, values?: Float32Array): tf.TensorInfo;
}

type Attrs = Record<string, unknown>;

/**
 * Registers the project's convolution kernels on `backendName` (after
 * unregistering tfjs's own where one exists) and returns their names.
 *
 * Defaults to all three: the filter gradient (the wasm backend lacks it, the
 * cpu one is naive), the input gradient (the transposed convolutions use it
 * forwards), and Conv2D, because tfjs-wasm 4.22's Conv2D returns wrong values
 * for an explicit numeric padding that follows a "same" convolution of the
 * same shapes (apparently its cached XNNPACK operator is reused).
 */
export function registerConvKernels(
  backendName: string,
  kernels: ConvKernelName[] = ["Conv2D", "Conv2DBackpropFilter", "Conv2DBackpropInput"],
): ConvKernelName[] {
  const funcs = kernelFuncs(wasmOrNull());
  for (const name of kernels) {
    const existing = tf.getKernel(name, backendName);
    if (existing && OURS in existing.kernelFunc) continue;
    if (existing) tf.unregisterKernel(name, backendName);
    const kernelFunc = Object.assign(funcs[name], { [OURS]: true }) as unknown as tf.KernelFunc;
    tf.registerKernel({ kernelName: name, backendName, kernelFunc });
  }
  return kernels;
}

/** Marks our kernel functions, so that registering twice is a no-op. */
const OURS = Symbol("muddle training kernel");

function wasmOrNull(): WasmGemm | null {
  try {
    return createWasmGemm();
  } catch {
    return null; // no WebAssembly SIMD: the plain-JS kernels
  }
}

/** Window count P and window size K of a geometry. */
function sizes(g: ConvGeometry) {
  return {
    p: g.batch * g.outHeight * g.outWidth,
    k: g.filterHeight * g.filterWidth * g.inChannels,
    xSize: g.batch * g.inHeight * g.inWidth * g.inChannels,
  };
}

/**
 * The three kernels in WebAssembly: the inputs are copied into the module's
 * memory once, and im2col, GEMM and col2im all run there (about 3x the
 * plain-JS windows for inference through tfjs layers).
 */
function simdKernels(wasm: WasmGemm) {
  return {
    conv2d(x: Float32Array, filter: Float32Array, g: ConvGeometry): Float32Array {
      const { p, k, xSize } = sizes(g);
      const [xa, cols, y] = wasm.alloc([xSize, p * k, p * g.outChannels], filter.length + 64);
      xa.set(x);
      wasm.im2col(xa, g, cols);
      wasm.gemm(cols, filter, y, p, k, g.outChannels);
      return y.slice();
    },
    backpropInput(dy: Float32Array, filter: Float32Array, g: ConvGeometry): Float32Array {
      const { p, k, xSize } = sizes(g);
      const co = g.outChannels;
      const [dya, ft, cols, dx] = wasm.alloc([p * co, k * co, p * k, xSize], 64);
      dya.set(dy.subarray(0, p * co));
      for (let i = 0; i < k; i++) for (let j = 0; j < co; j++) ft[j * k + i] = filter[i * co + j];
      wasm.gemm(dya, ft, cols, p, co, k);
      wasm.col2im(cols, g, dx);
      return dx.slice();
    },
    backpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry): Float32Array {
      const { p, k, xSize } = sizes(g);
      const co = g.outChannels;
      const [xa, dya, cols] = wasm.alloc([xSize, p * co, p * k], k * co + 64);
      xa.set(x);
      dya.set(dy.subarray(0, p * co));
      wasm.im2col(xa, g, cols);
      const dw = new Float32Array(k * co);
      wasm.gemm(cols, dya, dw, k, p, co, false, true);
      return dw;
    },
  };
}

function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new TypeError(`convolution kernel: missing input "${name}"`);
  return t;
}

function read(backend: KernelBackend, t: tf.TensorInfo): Float32Array {
  if (t.dtype !== "float32") {
    throw new TypeError(`convolution kernels take float32 tensors, got ${t.dtype}`);
  }
  return backend.readSync(t.dataId) as Float32Array;
}

function output(backend: KernelBackend, shape: number[], values: Float32Array): tf.TensorInfo {
  if (backend.makeOutput) return backend.makeOutput(shape, "float32", undefined, values);
  if (backend.makeTensorInfo) return backend.makeTensorInfo(shape, "float32", values);
  throw new TypeError("backend has neither makeOutput nor makeTensorInfo");
}

function convInfo(xShape: number[], filterShape: number[], attrs: Attrs, dilations: unknown) {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides as [number, number] | number,
    dilations as [number, number] | number,
    attrs.pad as "same" | "valid" | number,
    attrs.dimRoundingMode as "floor" | "round" | "ceil" | undefined,
    false,
    tf.backend_util.convertConv2DDataFormat((attrs.dataFormat as "NHWC" | "NCHW") ?? "NHWC"),
  );
  return { info, g: geometryFromConvInfo(info) };
}

const kernelFuncs = (wasm: WasmGemm | null): Record<
  ConvKernelName,
  (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: Attrs }) => tf.TensorInfo
> => {
  const simd = wasm ? simdKernels(wasm) : null;
  const scratch: ConvScratch = {};
  return {
    Conv2D({ inputs, backend, attrs = {} }) {
      const b = backend as KernelBackend;
      const x = input(inputs, "x"), filter = input(inputs, "filter");
      const { info, g } = convInfo(x.shape, filter.shape, attrs, attrs.dilations ?? 1);
      const y = simd
        ? simd.conv2d(read(b, x), read(b, filter), g)
        : conv2dForward(read(b, x), read(b, filter), g, undefined, scratch);
      return output(b, info.outShape, y);
    },
    Conv2DBackpropInput({ inputs, backend, attrs = {} }) {
      const b = backend as KernelBackend;
      const dy = input(inputs, "dy"), filter = input(inputs, "filter");
      const { info, g } = convInfo(attrs.inputShape as number[], filter.shape, attrs, 1);
      const dx = simd
        ? simd.backpropInput(read(b, dy), read(b, filter), g)
        : conv2dBackpropInput(read(b, dy), read(b, filter), g, undefined, scratch);
      return output(b, info.inShape, dx);
    },
    Conv2DBackpropFilter({ inputs, backend, attrs = {} }) {
      const b = backend as KernelBackend;
      const x = input(inputs, "x"), dy = input(inputs, "dy");
      const { info, g } = convInfo(x.shape, attrs.filterShape as number[], attrs, 1);
      const dw = simd
        ? simd.backpropFilter(read(b, x), read(b, dy), g)
        : conv2dBackpropFilter(read(b, x), read(b, dy), g, undefined, scratch);
      return output(b, info.filterShape, dw);
    },
  };
};
