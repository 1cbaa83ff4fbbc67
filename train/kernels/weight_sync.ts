import * as tf from "@tensorflow/tfjs";
import type { WeightSlot } from "../../lib/kernels/network_plan.ts";

/** Keeps a flat parameter array and a LayersModel's own variables in step. */
export interface WeightSync {
  /**
   * Copies the model's weights into `params` if they changed outside the
   * trainer since the last push (e.g. `setWeights`, a resumed checkpoint),
   * or always with `force`. Returns whether it copied.
   */
  pull(params: Float32Array, force?: boolean): boolean;
  /** Writes `params` into the model's variables, so the LayersModel holds the trained weights. */
  push(params: Float32Array): void;
}

/**
 * Builds the sync for the weights of a plan. A variable gets new data on
 * every assignment, so comparing its data id with the one written last tells
 * whether someone else assigned it.
 */
export function createWeightSync(weights: WeightSlot[]): WeightSync {
  const written: unknown[] = weights.map(() => null);
  return {
    pull(params, force = false) {
      let copied = false;
      weights.forEach((w, i) => {
        const value = w.variable.read();
        if (!force && value.dataId === written[i]) return;
        params.set(value.dataSync() as Float32Array, w.offset);
        written[i] = value.dataId;
        copied = true;
      });
      return copied;
    },
    push(params) {
      weights.forEach((w, i) => {
        // A new tensor per weight rather than writing into the variable's memory: tfjs-wasm
        // caches XNNPACK operators (with packed weights) by tensor id, and in-place writes
        // were seen to spoil predict() results (docs/speed.md). slice(): the cpu backend
        // keeps the array it is given.
        const t = tf.tensor(params.slice(w.offset, w.offset + w.size), w.shape, "float32");
        w.variable.write(t);
        t.dispose();
        written[i] = w.variable.read().dataId;
      });
    },
  };
}
