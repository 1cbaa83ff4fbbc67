import type { MuddleContext } from "./context.ts";
import { interpolate, linspace } from "./interpolate.ts";
import type { PathSweep } from "./types.ts";

/** Most steps one sweep may take (the site asks for about 16; 256 keeps a request cheap). */
export const MAX_SWEEP_STEPS = 256;

/**
 * Decodes `steps` evenly spaced points from `from` (t = 0) to `to` (t = 1)
 * and runs the judges on each: the site's strip and probability chart. Needs
 * only decode and judge, so the browser sweeps with it too.
 */
export function sweepPath(
  context: Pick<MuddleContext, "latentSize" | "decode" | "judge">,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  steps: number,
): PathSweep {
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_SWEEP_STEPS) {
    throw new RangeError(`steps must be an integer from 2 to ${MAX_SWEEP_STEPS}, got ${steps}`);
  }
  for (const [name, latent] of [["from", from], ["to", to]] as const) {
    if (latent.length !== context.latentSize) {
      throw new RangeError(
        `${name} has ${latent.length} values; a latent has ${context.latentSize}`,
      );
    }
  }
  const ts = linspace(0, 1, steps);
  const latents = interpolate(from, to, ts);
  const images = context.decode(latents);
  const judged = context.judge(images);
  return { ts, latents, images, probabilities: judged.mean, members: judged.members };
}
