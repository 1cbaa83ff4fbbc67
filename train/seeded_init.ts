import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../lib/random/seeded_rng.ts";

/**
 * Re-initialises every weight of `model` from `rng`: Glorot-uniform kernels
 * and zero biases, tfjs's own defaults, but reproducible for a given seed
 * (tfjs's initialisers draw from an unseeded source).
 */
export function initializeSeeded(model: tf.LayersModel, rng: Rng): void {
  const fresh = model.weights.map((weight) => {
    const shape = weight.shape as number[];
    if (shape.length < 2) return tf.zeros(shape);
    // Fans as tfjs computes them: receptive field times the last two dimensions.
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const fanIn = receptive * shape[shape.length - 2];
    const fanOut = receptive * shape[shape.length - 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * limit;
    return tf.tensor(values, shape);
  });
  model.setWeights(fresh);
  tf.dispose(fresh);
}
