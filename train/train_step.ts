import * as tf from "@tensorflow/tfjs";
import { adamUpdate } from "./kernels/adam.ts";
import { createFusedNetwork } from "./kernels/fused_network.ts";
import { mseLoss } from "./kernels/mse_loss.ts";
import { planNetwork } from "./kernels/network_plan.ts";
import { createWeightSync } from "./kernels/weight_sync.ts";

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
  const plan = planNetwork([encoder, decoder]);
  if (plan.inShape.join() !== plan.outShape.join()) {
    throw new TypeError(
      `autoencoder output [${plan.outShape}] does not match its input [${plan.inShape}]`,
    );
  }
  const net = createFusedNetwork(plan, { profile: options.profile });
  const n = plan.paramCount;
  const params = new Float32Array(n), grads = new Float32Array(n);
  const m = new Float32Array(n), v = new Float32Array(n);
  const sync = createWeightSync(plan.weights);
  const sampleSize = plan.inShape.reduce((a, b) => a * b, 1);
  const times: Record<string, number> = {};
  const clock = (key: string, t0: number) => {
    if (options.profile) times[key] = (times[key] ?? 0) + performance.now() - t0;
  };
  let dOut = new Float32Array(0);
  let t = 0;
  const stepBatch = (images: Float32Array, batch: number): number => {
    if (images.length !== batch * sampleSize) {
      throw new RangeError(
        `stepBatch: ${images.length} values for ${batch} images of [${plan.inShape}]`,
      );
    }
    let t0 = performance.now();
    sync.pull(params);
    clock("pull weights", t0);
    const y = net.forward(params, images, batch);
    t0 = performance.now();
    if (dOut.length !== y.length) dOut = new Float32Array(y.length);
    const loss = mseLoss(y, images, dOut);
    clock("loss", t0);
    if (!Number.isFinite(loss)) return loss;
    net.backward(params, dOut, grads);
    t0 = performance.now();
    adamUpdate(params, grads, m, v, ++t, { learningRate: options.learningRate });
    clock("adam", t0);
    t0 = performance.now();
    sync.push(params);
    clock("push weights", t0);
    return loss;
  };
  sync.pull(params, true);
  return {
    step(images) {
      if (images.rank !== 4 || images.shape.slice(1).join() !== plan.inShape.join()) {
        throw new TypeError(
          `step: images must be [batch, ${plan.inShape}], got [${images.shape}]`,
        );
      }
      return stepBatch(images.dataSync() as Float32Array, images.shape[0]);
    },
    stepBatch,
    getOptimizerState() {
      const slots: OptimizerState["slots"] = [];
      for (const w of plan.weights) {
        const end = w.offset + w.size;
        slots.push({ name: `${w.name}/m`, shape: [...w.shape], values: m.slice(w.offset, end) });
        slots.push({ name: `${w.name}/v`, shape: [...w.shape], values: v.slice(w.offset, end) });
      }
      return { step: t, slots };
    },
    setOptimizerState(state) {
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new RangeError(
          `optimizer state: step must be a non-negative integer, got ${state.step}`,
        );
      }
      if (state.slots.length !== 2 * plan.weights.length) {
        throw new RangeError(
          `optimizer state has ${state.slots.length} slots, expected ${2 * plan.weights.length}`,
        );
      }
      plan.weights.forEach((w, i) => {
        [m, v].forEach((target, j) => {
          const slot = state.slots[2 * i + j];
          const name = `${w.name}/${j ? "v" : "m"}`;
          if (slot.name !== name || slot.values.length !== w.size) {
            throw new RangeError(
              `optimizer state slot ${
                2 * i + j
              } is "${slot.name}" with ${slot.values.length} values, expected "${name}" with ${w.size}`,
            );
          }
          target.set(slot.values, w.offset);
        });
      });
      t = state.step;
    },
    dispose() {
      // Nothing to free: the state lives in plain arrays.
    },
    profile: () => ({ ...net.profile(), ...times }),
    resetProfile() {
      net.resetProfile();
      for (const key of Object.keys(times)) delete times[key];
    },
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
