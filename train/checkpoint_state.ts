import * as tf from "@tensorflow/tfjs";
import type { EpochRecord, JudgeRecord } from "../lib/artifacts/manifest.ts";
import type { Checkpoint, NamedArray } from "./checkpoint.ts";
import type { OptimizerState } from "./train_step.ts";

/** Metadata of a training checkpoint: enough to continue exactly where it stopped. */
export interface TrainingMeta {
  formatVersion: 1;
  /** Autoencoder epochs completed. */
  epoch: number;
  batchSize: number;
  seed: number;
  limit: number | null;
  learningRate: number;
  rngState: number[];
  history: EpochRecord[];
  /** Classifiers finished so far, with their records; their weights are in the arrays. */
  judges: Record<string, JudgeRecord>;
  /** Adam's step count, or null when the trainer could not export its state. */
  optimizerStep: number | null;
}

/** Copies the weights of `model` into named arrays `${prefix}:${index}`. */
export function modelArrays(prefix: string, model: tf.LayersModel): NamedArray[] {
  return model.getWeights().map((w, i) => ({
    name: `${prefix}:${i}`,
    shape: w.shape,
    values: w.dataSync() as Float32Array,
  }));
}

/** Optimiser slots as named arrays `opt:${slot name}`. */
export function optimizerArrays(state: OptimizerState | null): NamedArray[] {
  return (state?.slots ?? []).map((s) => ({
    name: `opt:${s.name}`,
    shape: s.shape,
    values: s.values,
  }));
}

/**
 * Restores weights saved by modelArrays() into `model`. Throws a RangeError
 * naming the checkpoint when the count or a shape differs from the model's.
 */
export function restoreModel(
  checkpoint: Checkpoint<TrainingMeta>,
  prefix: string,
  model: tf.LayersModel,
  fileName: string,
): void {
  const saved = checkpoint.arrays.filter((a) => a.name.startsWith(`${prefix}:`));
  const weights = model.weights;
  if (saved.length !== weights.length) {
    throw new RangeError(
      `${fileName}: ${saved.length} ${prefix} weights saved, expected ${weights.length}`,
    );
  }
  const tensors = saved.map((a, i) => {
    if (String(a.shape) !== String(weights[i].shape)) {
      throw new RangeError(
        `${fileName}: ${prefix} weight ${i} has shape [${a.shape}], expected [${weights[i].shape}]`,
      );
    }
    return tf.tensor(a.values, a.shape);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** The optimiser state saved by optimizerArrays(), or null if none was saved. */
export function restoreOptimizer(checkpoint: Checkpoint<TrainingMeta>): OptimizerState | null {
  if (checkpoint.meta.optimizerStep === null) return null;
  const slots = checkpoint.arrays.filter((a) => a.name.startsWith("opt:"))
    .map((a) => ({ name: a.name.slice(4), shape: a.shape, values: a.values }));
  return { step: checkpoint.meta.optimizerStep, slots };
}
