import type * as tf from "@tensorflow/tfjs";
import type { ForwardPass } from "./forward_pass.ts";
import { createFusedNetwork } from "./fused_network.ts";
import { planNetwork } from "./network_plan.ts";

/**
 * A forward pass of `model` through the training code's fused kernels
 * (plain loops and a SIMD WebAssembly GEMM, no per-op tfjs overhead): about
 * 10x faster than tfjs for the decoder and 2x for the CNN judge, equal to
 * float precision (lib/muddle's engine_test and fast_forward_test check).
 * Returns null for a model the fused network cannot run, so the caller keeps tfjs.
 */
export function fastForward(model: tf.LayersModel): ForwardPass | null {
  let plan;
  try {
    plan = planNetwork([model]);
  } catch {
    return null;
  }
  // The weights are read once: inference never changes them.
  const params = new Float32Array(plan.paramCount);
  for (const weight of plan.weights) {
    params.set(weight.variable.read().dataSync() as Float32Array, weight.offset);
  }
  const network = createFusedNetwork(plan);
  // forward() returns a buffer it reuses, so hand out a copy.
  return (input, n) => network.forward(params, input, n).slice();
}
