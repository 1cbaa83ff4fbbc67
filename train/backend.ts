import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { registerTrainingKernels } from "./kernels/register_kernels.ts";

/**
 * Selects the fastest available tfjs backend for training in Deno (wasm,
 * SIMD) and registers the project's convolution kernels on it: the wasm
 * backend has no Conv2DBackpropFilter, and its Conv2DBackpropInput (which
 * transposed convolutions use forwards) is slower than ours. Returns the
 * backend name. Safe to call more than once.
 *
 * `projectRoot` is the repository root as a file URL (ends with "/").
 */
export async function initTrainingBackend(projectRoot: URL): Promise<string> {
  if (!projectRoot.href.endsWith("/")) {
    throw new TypeError(
      `initTrainingBackend: projectRoot must end with "/", got ${projectRoot.href}`,
    );
  }
  setWasmPaths(new URL("node_modules/@tensorflow/tfjs-backend-wasm/dist/", projectRoot).href);
  await tf.setBackend("wasm");
  await tf.ready();
  registerTrainingKernels("wasm");
  return tf.getBackend();
}
