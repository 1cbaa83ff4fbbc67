import * as tf from "@tensorflow/tfjs";
import { geometryFromConvInfo } from "./conv_geometry.ts";
import { conv2dForward, type ConvScratch } from "./conv2d.ts";
import { conv2dBackpropFilter } from "./conv2d_backprop_filter.ts";
import { conv2dBackpropInput } from "./conv2d_backprop_input.ts";
import { createWasmGemm } from "./wasm_gemm.ts";

/** The kernels `registerTrainingKernels` can install. */
export type TrainingKernelName = "Conv2D" | "Conv2DBackpropInput" | "Conv2DBackpropFilter";

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
export function registerTrainingKernels(
  backendName: string,
  kernels: TrainingKernelName[] = ["Conv2D", "Conv2DBackpropFilter", "Conv2DBackpropInput"],
): TrainingKernelName[] {
  const funcs = kernelFuncs(simdScratch());
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

function simdScratch(): ConvScratch {
  try {
    return { gemm: createWasmGemm().gemm };
  } catch {
    return {}; // no WebAssembly SIMD: the plain-JS GEMM
  }
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

const kernelFuncs = (scratch: ConvScratch): Record<
  TrainingKernelName,
  (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: Attrs }) => tf.TensorInfo
> => ({
  Conv2D({ inputs, backend, attrs = {} }) {
    const b = backend as KernelBackend;
    const x = input(inputs, "x"), filter = input(inputs, "filter");
    const { info, g } = convInfo(x.shape, filter.shape, attrs, attrs.dilations ?? 1);
    const y = conv2dForward(read(b, x), read(b, filter), g, undefined, scratch);
    return output(b, info.outShape, y);
  },
  Conv2DBackpropInput({ inputs, backend, attrs = {} }) {
    const b = backend as KernelBackend;
    const dy = input(inputs, "dy"), filter = input(inputs, "filter");
    const { info, g } = convInfo(attrs.inputShape as number[], filter.shape, attrs, 1);
    const dx = conv2dBackpropInput(read(b, dy), read(b, filter), g, undefined, scratch);
    return output(b, info.inShape, dx);
  },
  Conv2DBackpropFilter({ inputs, backend, attrs = {} }) {
    const b = backend as KernelBackend;
    const x = input(inputs, "x"), dy = input(inputs, "dy");
    const { info, g } = convInfo(x.shape, attrs.filterShape as number[], attrs, 1);
    const dw = conv2dBackpropFilter(read(b, x), read(b, dy), g, undefined, scratch);
    return output(b, info.filterShape, dw);
  },
});
