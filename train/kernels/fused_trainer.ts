import type * as tf from "@tensorflow/tfjs";
import { adamUpdate } from "../../lib/kernels/adam.ts";
import { createFusedNetwork } from "../../lib/kernels/fused_network.ts";
import { type NetworkPlan, planNetwork } from "../../lib/kernels/network_plan.ts";
import { createWasmGemm } from "../../lib/kernels/wasm_gemm.ts";
import { createWeightSync } from "./weight_sync.ts";

/** Adam state as plain arrays (the shape the checkpoint code stores). */
export interface FusedOptimizerState {
  step: number;
  slots: { name: string; shape: number[]; values: Float32Array }[];
}

/**
 * Computes a batch's loss from the network's output and writes dLoss/dOutput
 * (dLoss/dLogits when the network ends in softmax) into `grad`.
 */
export type LossFunction = (output: Float32Array, grad: Float32Array) => number;

/** The training loop core shared by the autoencoder and classifier trainers. */
export interface FusedTrainer {
  readonly plan: NetworkPlan;
  /**
   * Forward, loss, backward and one Adam update on `batch` samples, then the
   * weights are written back into the LayersModels. A non-finite loss is
   * returned before anything is updated.
   */
  step(input: Float32Array, batch: number, loss: LossFunction): number;
  getOptimizerState(): FusedOptimizerState;
  setOptimizerState(state: FusedOptimizerState): void;
  profile(): Record<string, number>;
  resetProfile(): void;
}

/**
 * Builds the fused trainer over the chain of `models` (see `planNetwork`):
 * flat parameter, gradient and Adam moment arrays, synchronised with the
 * models' own variables (weights assigned from outside are picked up at the
 * next step). Adam uses tfjs's defaults (0.9, 0.999, 1e-7).
 */
export function createFusedTrainer(
  models: tf.LayersModel[],
  options: { learningRate: number; profile?: boolean; simd?: boolean },
): FusedTrainer {
  if (!(options.learningRate > 0)) {
    throw new RangeError(`learningRate must be positive, got ${options.learningRate}`);
  }
  const plan = planNetwork(models);
  const net = createFusedNetwork(plan, { profile: options.profile, simd: options.simd });
  const n = plan.paramCount;
  // Parameters, gradients and Adam moments in WebAssembly memory (padded to whole
  // vectors) so that Adam runs four floats at a time; plain arrays without SIMD.
  const optimizer = options.simd === false ? null : wasmOrNull();
  const padded = Math.ceil(n / 4) * 4;
  const [paramsAll, gradsAll, mAll, vAll] = optimizer
    ? optimizer.alloc([padded, padded, padded, padded])
    : [0, 1, 2, 3].map(() => new Float32Array(padded));
  const params = paramsAll.subarray(0, n), grads = gradsAll.subarray(0, n);
  const m = mAll.subarray(0, n), v = vAll.subarray(0, n);
  const sync = createWeightSync(plan.weights);
  const sampleSize = plan.inShape.reduce((a, b) => a * b, 1);
  const times: Record<string, number> = {};
  const clock = (key: string, t0: number) => {
    if (options.profile) times[key] = (times[key] ?? 0) + performance.now() - t0;
  };
  let dOut = new Float32Array(0);
  let t = 0;
  sync.pull(params, true);
  return {
    plan,
    step(input, batch, lossFn) {
      if (input.length !== batch * sampleSize) {
        throw new RangeError(
          `step: ${input.length} values for ${batch} samples of [${plan.inShape}]`,
        );
      }
      let t0 = performance.now();
      sync.pull(params);
      clock("pull weights", t0);
      const y = net.forward(params, input, batch);
      t0 = performance.now();
      if (dOut.length !== y.length) dOut = new Float32Array(y.length);
      const loss = lossFn(y, dOut);
      clock("loss", t0);
      if (!Number.isFinite(loss)) return loss;
      net.backward(params, dOut, grads);
      t0 = performance.now();
      const adam = { learningRate: options.learningRate };
      t++;
      if (!optimizer?.adam(paramsAll, gradsAll, mAll, vAll, t, adam)) {
        adamUpdate(params, grads, m, v, t, adam);
      }
      clock("adam", t0);
      t0 = performance.now();
      sync.push(params);
      clock("push weights", t0);
      return loss;
    },
    getOptimizerState() {
      const slots: FusedOptimizerState["slots"] = [];
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
        [0, 1].forEach((j) => {
          const slot = state.slots[2 * i + j];
          const name = `${w.name}/${j ? "v" : "m"}`;
          if (slot.name !== name || slot.values.length !== w.size) {
            throw new RangeError(
              `optimizer state slot ${
                2 * i + j
              } is "${slot.name}" with ${slot.values.length} values, expected "${name}" with ${w.size}`,
            );
          }
        });
      });
      plan.weights.forEach((w, i) => {
        m.set(state.slots[2 * i].values, w.offset);
        v.set(state.slots[2 * i + 1].values, w.offset);
      });
      t = state.step;
    },
    profile: () => ({ ...net.profile(), ...times }),
    resetProfile() {
      net.resetProfile();
      for (const key of Object.keys(times)) delete times[key];
    },
  };
}

function wasmOrNull() {
  try {
    return createWasmGemm();
  } catch {
    return null; // no WebAssembly SIMD: Adam runs in the JS loop
  }
}
