import type { MethodChoice } from "./choice.ts";
import type { MuddleContext } from "./context.ts";
import { pickEndpoints } from "./endpoints.ts";
import { interpolate } from "./interpolate.ts";
import type { Rng } from "../random/seeded_rng.ts";

/**
 * The original recipe: a random image of D, the nearest other centroid's
 * digit as P (unless given), a random image of P, and the decoded midpoint
 * of their latents.
 */
export function muddleAvg(
  context: MuddleContext,
  digit: number,
  partner: number | undefined,
  rng: Rng,
  fromIndex?: number,
): MethodChoice {
  const ends = pickEndpoints(context, digit, partner, rng, fromIndex);
  const latent = interpolate(ends.from.latent, ends.to.latent, [0.5]);
  return { ...ends, t: 0.5, latent, image: context.decode(latent) };
}
