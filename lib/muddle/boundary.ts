import type { MethodChoice } from "./choice.ts";
import type { MuddleContext } from "./context.ts";
import { pickEndpoints } from "./endpoints.ts";
import { rankCentroids } from "./nearest_centroid.ts";
import type { PartnerChoice } from "./partner_candidates.ts";
import { interpolate, linspace } from "./interpolate.ts";
import { bestPath, better, type PathResult } from "./path_sweep.ts";
import type { Rng } from "./rng.ts";
import { searchLatent, type SearchOptions } from "./latent_search.ts";
import { pointAt, type ScoredPoint, scorePoints } from "./path_points.ts";
import { DEFAULT_THRESHOLDS, widestRun } from "./split_margin.ts";

/** The knobs of `boundary`; eval's variants change them. */
export interface BoundaryOptions extends SearchOptions {
  /** Candidate paths considered; the one with the widest ambiguous window wins. */
  candidates: number;
  /** How the paths' ends are chosen (see partner_candidates.ts). */
  partnerChoice: PartnerChoice;
  /** Images of D drawn for "pairs" paths (the seed's own image of D is always one). */
  pairPool: number;
  /** Without a given partner: how many of the nearest other digits may serve as P, nearest first. */
  partnerOptions: number;
  /** Search only when the chosen point's split margin is below this. */
  searchBelow: number;
  /** Shifted views each judge reads in the coarse sweep (1: the image alone; see shifted_views.ts). */
  views: number;
  /** Also require the latent LDA (a reader of latents, not pixels) to be split. */
  latentReader: boolean;
  /** Shifted views in the fine sweep. */
  refineViews: number;
  /** Most candidate paths decoded, after ranking them all with the latent classifier. */
  sweepLimit: number;
  /** Candidate paths swept per batch. */
  batch: number;
  /** Stop trying candidates once a window spans this many coarse steps. */
  enoughWidth: number;
  /** Interior points per candidate path in the coarse sweep. */
  steps: number;
  /** Points in the fine sweep across the chosen window (0 skips it). */
  refineSteps: number;
  /** Halvings of the step where the judges cross from D to P, on paths the sweep found no window on. */
  bisections: number;
}

/** The defaults, chosen by eval (see docs/muddle.md). */
export const DEFAULT_BOUNDARY: BoundaryOptions = {
  ...DEFAULT_THRESHOLDS,
  candidates: 16,
  partnerChoice: "pairs",
  partnerOptions: 3,
  pairPool: 48,
  sweepLimit: 6,
  batch: 2,
  enoughWidth: 0,
  steps: 5,
  bisections: 3,
  refineSteps: 8,
  views: 1,
  refineViews: 1,
  latentReader: false,
  searchRounds: 4,
  searchBatch: 16,
  searchScale: 0.2,
  searchViews: 1,
  searchBelow: 0,
};

/**
 * Finds the centre of the widest stretch of a path where every judge is split
 * between D and P (each keeps at least `low`, none passes `high`) and the image
 * stays digit-like, trying several candidate paths and keeping the best.
 */
export function muddleBoundary(
  context: MuddleContext,
  digit: number,
  partner: number | undefined,
  rng: Rng,
  options: BoundaryOptions = DEFAULT_BOUNDARY,
): MethodChoice {
  const ends = pickEndpoints(context, digit, partner, rng);
  // Without a fixed partner, the next nearest digits are tried when the nearest has no window.
  const partners = partner !== undefined
    ? [partner]
    : rankCentroids(ends.from.latent, context.models.centroids, digit)
      .slice(0, options.partnerOptions);
  let best: PathResult | null = null, chosen = partners[0];
  for (const option of partners) {
    const result = bestPath(context, ends.from, digit, option, rng, options);
    if (!best || better(result, best)) [best, chosen] = [result, option];
    if (best.window) break;
  }
  const { path, window } = best!;
  const finish = (point: ScoredPoint): MethodChoice => {
    const choice = {
      ...path,
      partner: chosen,
      t: point.t,
      latent: point.latent,
      image: point.image,
    };
    if (options.searchRounds <= 0 || point.margin >= options.searchBelow) return choice;
    const found = searchLatent(
      context,
      point.latent,
      point.image,
      point.margin,
      digit,
      chosen,
      rng,
      options,
    );
    return { ...choice, latent: found.latent, image: found.image };
  };
  // No split point on any path: fall back to the best single point seen.
  if (!window) return finish(best!.best);

  // Fine sweep across the window, one coarse step either side, then take its centre.
  const step = 1 / (options.steps + 1);
  if (options.refineSteps > 0) {
    const lo = Math.max(window[0] - step, 1e-3), hi = Math.min(window[1] + step, 1 - 1e-3);
    const fineTs = linspace(lo, hi, options.refineSteps + 2).slice(1, -1);
    const fine = scorePoints(
      context,
      interpolate(path.from.latent, path.to.latent, fineTs),
      digit,
      chosen,
      options,
      options.refineViews,
      options.latentReader,
    );
    const run = widestRun(fine.margins);
    if (run) {
      const centre = Math.round((run[0] + run[1]) / 2);
      return finish(pointAt(fine, centre, fineTs[centre], context.latentSize));
    }
  }
  // Without a finer run, the best coarse point stands.
  return finish(best!.best);
}
