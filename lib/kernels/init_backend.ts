import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { registerConvKernels } from "./register_kernels.ts";

/**
 * The one tfjs set-up that training, the server, the CLI and the benchmarks
 * share (the browser runs the kernels without tfjs): tfjs's wasm backend (SIMD) with the project's convolution
 * kernels registered on it, falling back to the cpu backend where wasm cannot
 * start. The wasm backend has no Conv2DBackpropFilter, and its
 * Conv2DBackpropInput (which transposed convolutions use forwards) is slower
 * than ours. Returns the backend name. Safe to call more than once.
 *
 * `wasmDir` is the folder (ending in "/") that holds tfjs-backend-wasm's
 * `.wasm` files: under Deno see {@link tfjsWasmDir}.
 */
export async function initBackend(wasmDir: string | URL): Promise<string> {
  const dir = String(wasmDir);
  if (!dir.endsWith("/")) {
    throw new TypeError(`initBackend(): wasmDir must end with "/", got ${dir}`);
  }
  if (tf.getBackend() !== "wasm") {
    setWasmPaths(dir);
    const onWasm = await tf.setBackend("wasm").catch(() => false);
    if (!onWasm) await tf.setBackend("cpu");
    await tf.ready();
  }
  registerConvKernels(tf.getBackend());
  return tf.getBackend();
}

/** Where tfjs-backend-wasm's binaries lie under a project root (a file URL ending in "/"). */
export function tfjsWasmDir(projectRoot: URL): URL {
  if (!projectRoot.href.endsWith("/")) {
    throw new TypeError(`tfjsWasmDir(): projectRoot must end with "/", got ${projectRoot.href}`);
  }
  return new URL("node_modules/@tensorflow/tfjs-backend-wasm/dist/", projectRoot);
}
