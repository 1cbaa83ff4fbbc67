import type * as tf from "@tensorflow/tfjs";
import type { FastPasses, ForwardPass } from "./forward_pass.ts";
import { tfjsPass } from "./tfjs_pass.ts";

/**
 * The forward passes the muddle engine runs for a decoder, its judges and readers:
 * the fused kernels where they can plan a model (several times faster than
 * tfjs, equal to float precision), tfjs's predict where they cannot or fail
 * to load. Every model gets a pass.
 * Use: `models.fast = await fastPasses(models)` (CLI and server).
 */
export async function fastPasses(
  models: {
    decoder: tf.LayersModel;
    judges: Record<string, tf.LayersModel>;
    readers?: Record<string, tf.LayersModel>;
  },
): Promise<Required<FastPasses>> {
  let fused: (model: tf.LayersModel) => ForwardPass | null = () => null;
  try {
    ({ fastForward: fused } = await import("./fast_forward.ts"));
  } catch { /* no fused kernels here: tfjs runs every model */ }
  const pass = (model: tf.LayersModel) => fused(model) ?? tfjsPass(model);
  const judges: Record<string, ForwardPass> = {};
  for (const [name, model] of Object.entries(models.judges)) judges[name] = pass(model);
  const readers: Record<string, ForwardPass> = {};
  for (const [name, model] of Object.entries(models.readers ?? {})) readers[name] = pass(model);
  return { decoder: pass(models.decoder), judges, readers };
}
