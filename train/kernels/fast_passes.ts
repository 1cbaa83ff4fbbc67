import type { ForwardPass, MuddleModels } from "../../lib/muddle/types.ts";

/**
 * Fast forward passes for the muddle engine's decoder and judges, or none:
 * if the fused kernels fail to load, the engine simply stays on tfjs.
 * Use: `models.fast = await fastPasses(models)` (CLI and server).
 */
export async function fastPasses(models: MuddleModels): Promise<MuddleModels["fast"]> {
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
