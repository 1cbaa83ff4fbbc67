import type { MuddleContext } from "../context.ts";
import { pathEnd } from "../endpoints.ts";
import type { Rng } from "../../random/seeded_rng.ts";
import type { PathEnd } from "../types.ts";

/** How `boundary` picks the paths it tries; see {@link pathCandidates}. */
export type PartnerChoice = "near" | "random" | "mixed" | "pairs";

/** One path `boundary` may sweep. */
export interface CandidatePath {
  from: PathEnd;
  to: PathEnd;
}

/**
 * The paths `boundary` tries, best bets first. From the seed's image a of D:
 * to the `candidates` images of P nearest to a in latent space ("near": short
 * paths pass through fewer other digits), to random images of P ("random"),
 * or the two alternated ("mixed"). "pairs" also chooses the start: of a pool
 * of images of D (a and random others), each with its nearest image of P,
 * the closest pairs: both ends already lie near the border between D and P.
 */
export function pathCandidates(
  context: MuddleContext,
  from: PathEnd,
  partner: number,
  rng: Rng,
  options: { candidates: number; partnerChoice: PartnerChoice; pairPool: number },
): CandidatePath[] {
  const pool = context.byDigit[partner];
  const count = Math.min(options.candidates, pool.length);
  const random = () => ({ from, to: pathEnd(context, rng.pick(pool)) });
  if (options.partnerChoice === "random") return Array.from({ length: count }, random);
  if (options.partnerChoice === "pairs") {
    const starts = [
      from.index,
      ...Array.from({ length: options.pairPool - 1 }, () => rng.pick(context.byDigit[from.digit])),
    ];
    return starts.map((index) => {
      const nearest = nearestOf(context, context.latentOf(index), pool, 1)[0];
      return { index, ...nearest };
    })
      .sort((x, y) => x.distance - y.distance)
      .slice(0, count)
      .map(({ index, to }) => ({ from: pathEnd(context, index), to: pathEnd(context, to) }));
  }
  const near = nearestOf(context, from.latent, pool, count)
    .map(({ to }) => ({ from, to: pathEnd(context, to) }));
  if (options.partnerChoice === "near") return near;
  // "mixed": alternate near and random ends, so short and typical paths are both tried early.
  return near.map((_, i) => i % 2 === 0 ? near[i / 2] : random());
}

/** The `count` indices of `pool` whose latents are nearest to `latent`, nearest first. */
function nearestOf(
  context: MuddleContext,
  latent: ArrayLike<number>,
  pool: number[],
  count: number,
): { to: number; distance: number }[] {
  const size = context.latentSize, latents = context.models.latents;
  // Keep the best `count` in a small sorted list: no allocation per pool image.
  const best: { to: number; distance: number }[] = [];
  for (const index of pool) {
    let distance = 0;
    for (let i = 0; i < size; i++) {
      const d = latents[index * size + i] - latent[i];
      distance += d * d;
    }
    if (best.length === count && distance >= best[count - 1].distance) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].distance > distance) at--;
    best.splice(at, 0, { to: index, distance });
    if (best.length > count) best.pop();
  }
  return best;
}
