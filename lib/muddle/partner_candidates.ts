import type { MuddleContext } from "./context.ts";
import { pathEnd } from "./endpoints.ts";
import type { Rng } from "./rng.ts";
import type { PathEnd } from "./types.ts";

/**
 * The images of P whose paths from a are tried by `boundary`: the
 * `candidates` nearest to a in latent space (short paths pass through fewer
 * other digits), or random ones.
 */
export function partnerCandidates(
  context: MuddleContext,
  from: PathEnd,
  partner: number,
  rng: Rng,
  options: { candidates: number; partnerChoice: "near" | "random" },
): PathEnd[] {
  const pool = context.byDigit[partner];
  const count = Math.min(options.candidates, pool.length);
  if (options.partnerChoice === "random") {
    return Array.from({ length: count }, () => pathEnd(context, rng.pick(pool)));
  }
  const size = context.latentSize;
  const distance = (index: number) => {
    let sum = 0;
    for (let i = 0; i < size; i++) {
      sum += (context.models.latents[index * size + i] - from.latent[i]) ** 2;
    }
    return sum;
  };
  return pool.map((index) => ({ index, d: distance(index) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, count)
    .map(({ index }) => pathEnd(context, index));
}
