import type * as tf from "@tensorflow/tfjs";
import type { FastPasses, ForwardPass } from "./forward_pass.ts";

/**
 * Fast forward passes for the muddle engine's decoder and judges, or none:
 * if the fused kernels fail to load, the engine simply stays on tfjs.
 * Use: `models.fast = await fastPasses(models)` (CLI and server).
 */
export async function fastPasses(
  models: { decoder: tf.LayersModel; judges: Record<string, tf.LayersModel> },
): Promise<FastPasses | undefined> {
  try {
    const { fastForward } = await import("./fast_forward.ts");
    const judges: Record<string, ForwardPass> = {};
    for (const [name, model] of Object.entries(models.judges)) {
      const pass = fastForward(model);
      if (pass) judges[name] = pass;
    }
    return { decoder: fastForward(models.decoder) ?? undefined, judges };
  } catch {
    return undefined;
  }
}
