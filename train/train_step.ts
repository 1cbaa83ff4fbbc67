import * as tf from "@tensorflow/tfjs";
import { createFusedTrainer } from "./kernels/fused_trainer.ts";
import { mseLoss } from "./kernels/mse_loss.ts";

/** Adam state as plain arrays, so a checkpoint can store and restore it. */
export interface OptimizerState {
  /** Number of steps taken (Adam's bias correction needs it). */
  step: number;
  /** One entry per optimiser slot variable, in a stable order. */
  slots: { name: string; shape: number[]; values: Float32Array }[];
}

/** One training step on a batch; returns the mean loss of that batch. */
export interface AutoencoderTrainer {
  /** Trains on `images` ([batch, 28, 28, 1] values in 0..1) and returns the batch's MSE. */
  step(images: tf.Tensor4D): number;
  /**
   * The same on a plain array of `batch` images (row-major [batch, 28, 28, 1]),
   * without building a tensor. Fused trainer only.
   */
  stepBatch?(images: Float32Array, batch: number): number;
  /** Optimiser state for checkpoints. */
  getOptimizerState(): OptimizerState;
  /** Restores optimiser state written by getOptimizerState(). */
  setOptimizerState(state: OptimizerState): void;
  /** Frees the optimiser's tensors. */
  dispose(): void;
  /** Milliseconds spent per part of the step since the last reset (fused trainer with `profile`). */
  profile?(): Record<string, number>;
  /** Clears the profile counters. */
  resetProfile?(): void;
}

/** "fused": the project's own forward/backward and Adam; "layers": tfjs's training path. */
export type TrainerKind = "fused" | "layers";

/** Options of `createAutoencoderTrainer`. */
export interface AutoencoderTrainerOptions {
  learningRate: number;
  /** Default "fused". */
  kind?: TrainerKind;
  /** Time each layer's forward and backward pass (fused only; costs a little). */
  profile?: boolean;
  /** false: plain-JS matrix products instead of WebAssembly SIMD (fused only; for comparison). */
  simd?: boolean;
}

/**
 * Builds a trainer that fits decoder(encoder(x)) to x with MSE and Adam
 * (tfjs's defaults: beta1 0.9, beta2 0.999, epsilon 1e-7).
 *
 * The default "fused" trainer runs forward, backward and Adam in the
 * project's own Float32Array kernels and writes the weights back into the
 * encoder's and decoder's variables after every step, so the LayersModels
 * always hold the trained weights; weights set on the models from outside
 * (setWeights, loading a checkpoint) are picked up at the next step. A
 * non-finite loss is returned without updating anything.
 */
export function createAutoencoderTrainer(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  options: AutoencoderTrainerOptions,
): AutoencoderTrainer {
  if (!(options.learningRate > 0)) {
    throw new RangeError(`learningRate must be positive, got ${options.learningRate}`);
  }
  return (options.kind ?? "fused") === "fused"
    ? fusedTrainer(encoder, decoder, options)
    : layersTrainer(encoder, decoder, options);
}

function fusedTrainer(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  options: AutoencoderTrainerOptions,
): AutoencoderTrainer {
  const core = createFusedTrainer([encoder, decoder], options);
  const shape = core.plan.inShape;
  if (shape.join() !== core.plan.outShape.join()) {
    throw new TypeError(
      `autoencoder output [${core.plan.outShape}] does not match its input [${shape}]`,
    );
  }
  const stepBatch = (images: Float32Array, batch: number) =>
    core.step(images, batch, (output, grad) => mseLoss(output, images, grad));
  return {
    step(images) {
      if (images.rank !== 4 || images.shape.slice(1).join() !== shape.join()) {
        throw new TypeError(`step: images must be [batch, ${shape}], got [${images.shape}]`);
      }
      return stepBatch(images.dataSync() as Float32Array, images.shape[0]);
    },
    stepBatch,
    getOptimizerState: core.getOptimizerState,
    setOptimizerState: core.setOptimizerState,
    dispose() {
      // Nothing to free: the trainer's state lives in plain arrays.
    },
    profile: core.profile,
    resetProfile: core.resetProfile,
  };
}

/** tfjs's own training path (layers + tf.train.adam), kept as the benchmark's baseline. */
function layersTrainer(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  options: AutoencoderTrainerOptions,
): AutoencoderTrainer {
  const optimizer = tf.train.adam(options.learningRate);
  const unsupported = () => {
    throw new TypeError('optimizer state is only available with kind "fused"');
  };
  return {
    step(images) {
      const loss = optimizer.minimize(
        () => {
          const latent = encoder.apply(images) as tf.Tensor;
          const reconstruction = decoder.apply(latent) as tf.Tensor;
          return tf.losses.meanSquaredError(images, reconstruction) as tf.Scalar;
        },
        true,
      )!;
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    },
    getOptimizerState: unsupported,
    setOptimizerState: unsupported,
    dispose() {
      optimizer.dispose();
    },
  };
}
