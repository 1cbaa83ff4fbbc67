import * as tf from "@tensorflow/tfjs";
import type { WeightSlot } from "./network_plan.ts";

/** Keeps a flat parameter array and a LayersModel's own variables in step. */
export interface WeightSync {
  /**
   * Copies the model's weights into `params` if they changed outside the
   * trainer since the last push (e.g. `setWeights`, a resumed checkpoint),
   * or always with `force`. Returns whether it copied.
   */
  pull(params: Float32Array, force?: boolean): boolean;
  /**
   * Writes `params` into the model's variables, so the LayersModel holds the
   * trained weights (in place where that is safe, else by assignment).
   */
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
        const values = params.subarray(w.offset, w.offset + w.size);
        if (writeInPlace(w.variable.read() as tf.Variable, values)) return;
        // slice(): the cpu backend keeps the array it is given, so hand it a copy.
        const t = tf.tensor(values.slice(), w.shape, "float32");
        w.variable.write(t);
        t.dispose();
        written[i] = w.variable.read().dataId;
      });
    },
  };
}

/** The parts of the cpu and wasm backends that an in-place write uses. */
interface InPlaceBackend {
  refCount?(dataId: unknown): number;
  /** wasm: a view of the tensor's bytes on the WebAssembly heap. */
  typedArrayFromHeap?(info: { shape: number[]; dtype: string; dataId: unknown }): unknown;
  /** cpu: the tensors' arrays. */
  data?: { has(dataId: unknown): boolean; get(dataId: unknown): { values?: unknown } };
}

/**
 * Overwrites a variable's data where the current backend holds it, saving the
 * 20 tensor creations and assignments of a step (about 5% of it). Only when
 * nothing else shares the data (reference count 1: no clone would change
 * under its holder's feet) and the backend is the cpu or wasm one; returns
 * false otherwise, and the caller assigns a new tensor.
 */
function writeInPlace(variable: tf.Variable, values: Float32Array): boolean {
  const backend = tf.backend() as unknown as InPlaceBackend;
  const dataId = variable.dataId;
  if (variable.dtype !== "float32" || backend.refCount?.(dataId) !== 1) return false;
  let target: unknown;
  if (typeof backend.typedArrayFromHeap === "function") {
    target = backend.typedArrayFromHeap({ shape: variable.shape, dtype: "float32", dataId });
  } else if (backend.data?.has(dataId)) {
    target = backend.data.get(dataId).values;
  }
  if (!(target instanceof Float32Array) || target.length !== values.length) return false;
  target.set(values);
  return true;
}
