import * as tf from "@tensorflow/tfjs";
import { createFusedTrainer, type FusedOptimizerState } from "./kernels/fused_trainer.ts";
import { softmaxCrossEntropy } from "./kernels/softmax_cross_entropy.ts";

/** A low-overhead trainer for a softmax classifier (see `createClassifierTrainer`). */
export interface ClassifierTrainer {
  /** Trains on images [batch, ...input shape] and integer labels; returns the mean cross-entropy. */
  step(images: tf.Tensor, labels: ArrayLike<number>): number;
  /** The same on a plain row-major array of `labels.length` samples, without a tensor. */
  stepBatch(images: Float32Array, labels: ArrayLike<number>): number;
  /** Adam state for checkpoints (names "<weight>/m", "<weight>/v"). */
  getOptimizerState(): FusedOptimizerState;
  /** Restores state written by getOptimizerState(). */
  setOptimizerState(state: FusedOptimizerState): void;
  /** Milliseconds per layer and part since the last reset, when built with `profile`. */
  profile(): Record<string, number>;
  /** Clears the profile counters. */
  resetProfile(): void;
}

/**
 * Trains a tfjs LayersModel classifier that ends in softmax (a Dense layer
 * with softmax, or an Activation("softmax") layer) with categorical
 * cross-entropy and Adam, in the project's fused kernels: the same result as
 * tfjs's own training path with far less per-op overhead. The model's
 * weights are updated after every step. Supported layers: Conv2D,
 * Conv2DTranspose, Dense, MaxPooling2D, Flatten, Reshape, Activation,
 * Dropout (treated as identity: no dropout is applied).
 */
export function createClassifierTrainer(
  model: tf.LayersModel,
  options: { learningRate: number; profile?: boolean },
): ClassifierTrainer {
  const core = createFusedTrainer([model], options);
  const last = core.plan.ops.at(-1);
  if (!last || !("activation" in last) || last.activation !== "softmax") {
    throw new TypeError(`createClassifierTrainer: model "${model.name}" must end in softmax`);
  }
  const classes = core.plan.outShape[0];
  const stepBatch = (images: Float32Array, labels: ArrayLike<number>) =>
    core.step(
      images,
      labels.length,
      (output, grad) => softmaxCrossEntropy(output, labels, classes, grad),
    );
  return {
    step(images, labels) {
      if (images.shape[0] !== labels.length) {
        throw new RangeError(
          `step: ${
            images.shape[0]
          } images but ${labels.length} labels; expected one label per image`,
        );
      }
      return stepBatch(images.dataSync() as Float32Array, labels);
    },
    stepBatch,
    getOptimizerState: core.getOptimizerState,
    setOptimizerState: core.setOptimizerState,
    profile: core.profile,
    resetProfile: core.resetProfile,
  };
}
