import { nearestCentroid } from "./nearest_centroid.ts";
import type { MuddleContext } from "./context.ts";
import type { Rng } from "../random/seeded_rng.ts";
import type { PathEnd } from "./types.ts";

/**
 * The original recipe's endpoints: the given image (or a random one) of D, the partner digit
 * (given, or the nearest other centroid to that image's latent) and a random
 * image of P. `avg` and `farthest` share it, so one seed gives both the same pair.
 */
export function pickEndpoints(
  context: MuddleContext,
  digit: number,
  partner: number | undefined,
  rng: Rng,
  fromIndex?: number,
): { from: PathEnd; to: PathEnd; partner: number } {
  // A given input is used as is; the rng draws the same number of values either way.
  const drawn = rng.pick(context.byDigit[digit]);
  const from = pathEnd(context, fromIndex ?? drawn);
  const chosen = partner ?? nearestCentroid(from.latent, context.models.centroids, digit);
  const to = pathEnd(context, rng.pick(context.byDigit[chosen]));
  return { from, to, partner: chosen };
}

/** The {@link PathEnd} for test image `index`. */
export function pathEnd(context: MuddleContext, index: number): PathEnd {
  return {
    index,
    digit: context.models.labels[index],
    latent: Array.from(context.latentOf(index)),
  };
}
