import * as tf from "@tensorflow/tfjs";

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
  /** Optimiser state for checkpoints. */
  getOptimizerState(): OptimizerState;
  /** Restores optimiser state written by getOptimizerState(). */
  setOptimizerState(state: OptimizerState): void;
  /** Frees the optimiser's tensors. */
  dispose(): void;
  /** Milliseconds spent per part of the step since the last reset (fused trainer only). */
  profile?(): Record<string, number>;
  /** Clears the profile counters. */
  resetProfile?(): void;
}

/** "fused": the project's own forward/backward and Adam; "layers": tfjs's training path. */
export type TrainerKind = "fused" | "layers";

/**
 * Builds a trainer that fits decoder(encoder(x)) to x with MSE and Adam.
 * Placeholder implementation on tfjs's optimiser; the speed work replaces
 * its internals, keeping this interface.
 */
export function createAutoencoderTrainer(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  options: { learningRate: number; kind?: TrainerKind },
): AutoencoderTrainer {
  const optimizer = tf.train.adam(options.learningRate);
  let step = 0;
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
      step++;
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    },
    getOptimizerState() {
      throw new Error("getOptimizerState: not implemented yet");
    },
    setOptimizerState() {
      throw new Error("setOptimizerState: not implemented yet");
    },
    dispose() {
      optimizer.dispose();
      void step;
    },
  };
}
