import * as tf from "@tensorflow/tfjs";
import type { EpochRecord, JudgeRecord } from "../lib/artifacts/manifest.ts";
import type { Checkpoint, NamedArray } from "./checkpoint.ts";
import type { OptimizerState } from "./train_step.ts";
import type { TrainOptions } from "./args.ts";

/** The options of the run that wrote a checkpoint: a resumed run must match them. */
export type CheckpointOptions = Pick<
  TrainOptions,
  "epochs" | "batchSize" | "seed" | "limit" | "judgeEpochs" | "evalLimit" | "umapEpochs" | "backend"
>;

/** The command-line flag of each stored option, for messages. */
const FLAGS: Record<keyof CheckpointOptions, string> = {
  epochs: "--epochs",
  batchSize: "--batch-size",
  seed: "--seed",
  limit: "--limit",
  judgeEpochs: "--judge-epochs",
  evalLimit: "--eval-limit",
  umapEpochs: "--umap-epochs",
  backend: "--backend",
};

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
  /** Every option of the run that wrote it. */
  options: CheckpointOptions;
}

/** The options of `options` that a checkpoint stores. */
export function checkpointOptions(options: TrainOptions): CheckpointOptions {
  const { epochs, batchSize, seed, limit, judgeEpochs, evalLimit, umapEpochs, backend } = options;
  return { epochs, batchSize, seed, limit, judgeEpochs, evalLimit, umapEpochs, backend };
}

/**
 * Checks that a checkpoint's metadata is sound and that `options` may
 * continue it; throws a RangeError naming the file and the option at fault.
 * Every option must be the same, except `--epochs`, which may grow: the
 * learning rate is constant and the shuffles are seeded per epoch, so 3
 * epochs resumed to 5 equal 5 unbroken (tests/training_resume_test.ts).
 */
export function checkResumable(meta: TrainingMeta, options: TrainOptions, fileName: string): void {
  const fail = (what: string) => {
    throw new RangeError(`${fileName}: ${what}`);
  };
  if (meta.formatVersion !== 1) fail(`formatVersion ${meta.formatVersion}, expected 1`);
  if (!Number.isSafeInteger(meta.epoch) || meta.epoch < 0) {
    fail(`epoch ${JSON.stringify(meta.epoch)}, expected an integer >= 0`);
  }
  if (!Array.isArray(meta.history) || meta.history.length !== meta.epoch) {
    fail(`epoch ${meta.epoch} but ${meta.history?.length} epochs of history, expected the same`);
  }
  if (!meta.options || typeof meta.options !== "object") {
    fail("stores no options (written by an older version); start again without --resume");
  }
  const now = checkpointOptions(options);
  for (const key of Object.keys(FLAGS) as (keyof CheckpointOptions)[]) {
    if (key === "epochs") continue;
    if (meta.options[key] !== now[key]) {
      fail(
        `saved with ${FLAGS[key]} ${meta.options[key]}, but this run has ${FLAGS[key]} ${
          now[key]
        }; expected the same to resume`,
      );
    }
  }
  if (options.epochs < meta.epoch) {
    fail(
      `has ${meta.epoch} epochs done, more than --epochs ${options.epochs}; expected at least ${meta.epoch}`,
    );
  }
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
