import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/**
 * Selects the fastest available tfjs backend for training in Deno and
 * registers the project's replacement kernels. Returns the backend name.
 *
 * `projectRoot` is the repository root as a file URL (ends with "/").
 */
export async function initTrainingBackend(projectRoot: URL): Promise<string> {
  setWasmPaths(new URL("node_modules/@tensorflow/tfjs-backend-wasm/dist/", projectRoot).href);
  await tf.setBackend("wasm");
  await tf.ready();
  // TODO(speed): register fast Conv2DBackpropFilter / Conv2DBackpropInput kernels here.
  return tf.getBackend();
}
