import * as tf from "@tensorflow/tfjs";
import type { ForwardPass } from "./forward_pass.ts";

/**
 * `model`'s tfjs predict as a {@link ForwardPass}: the fallback for a model
 * the fused kernels cannot plan, and the reference they are checked against.
 * Runs inside tf.tidy and disposes its output, so no tensor outlives a call.
 */
export function tfjsPass(model: tf.LayersModel): ForwardPass {
  const inShape = (model.inputs[0].shape as (number | null)[]).slice(1) as number[];
  const inSize = inShape.reduce((a, b) => a * b, 1);
  return (input, n) => {
    if (!Number.isInteger(n) || n < 1 || input.length !== n * inSize) {
      throw new RangeError(
        `model "${model.name}" expects ${n} inputs of ${inSize} values, got ${input.length} values`,
      );
    }
    const output = tf.tidy(() => model.predict(tf.tensor(input, [n, ...inShape])) as tf.Tensor);
    // Read outside tidy: tidy walks a returned typed array element by element looking for
    // tensors, which cost a third of the server's decode time.
    try {
      return output.dataSync() as Float32Array;
    } finally {
      output.dispose();
    }
  };
}
