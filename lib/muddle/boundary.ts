import { IMAGE_PIXELS } from "../model/architecture.ts";
import type { MethodChoice } from "./choice.ts";
import type { MuddleContext } from "./context.ts";
import { pickEndpoints } from "./endpoints.ts";
import { type CandidatePath, type PartnerChoice, pathCandidates } from "./partner_candidates.ts";
import { interpolate, linspace } from "./interpolate.ts";
import type { Rng } from "./rng.ts";
import { searchLatent, type SearchOptions } from "./latent_search.ts";
import { judgeShifted } from "./shifted_views.ts";
import {
  DEFAULT_THRESHOLDS,
  splitMargin,
  type SplitThresholds,
  widestRun,
} from "./split_margin.ts";
import type { PathEnd } from "./types.ts";

/** The knobs of `boundary`; eval's variants change them. */
export interface BoundaryOptions extends SearchOptions {
  /** Images of P tried as the far end; the one with the widest ambiguous window wins. */
  candidates: number;
  /** "near": the P images nearest to a in latent space; "random": random P images. */
  partnerChoice: PartnerChoice;
  /** Search only when the chosen point's split margin is below this. */
  searchBelow: number;
  /** Shifted views each judge reads in the coarse sweep (1: the image alone; see shifted_views.ts). */
  views: number;
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
}

/** The defaults, chosen by eval (see docs/muddle.md). */
export const DEFAULT_BOUNDARY: BoundaryOptions = {
  ...DEFAULT_THRESHOLDS,
  candidates: 8,
  searchBelow: Infinity,
  views: 1,
  refineViews: 1,
  sweepLimit: Infinity,
  batch: 4,
  enoughWidth: 3,
  partnerChoice: "near",
  steps: 9,
  refineSteps: 8,
  searchRounds: 0,
  searchBatch: 8,
  searchScale: 0.1,
};

/**
 * Finds the centre of the widest stretch of a path where every judge is split
 * between D and P (each keeps at least `low`, none passes `high`) and the image
 * stays digit-like, trying several images of P and keeping the best path.
 */
export function muddleBoundary(
  context: MuddleContext,
  digit: number,
  partner: number | undefined,
  rng: Rng,
  options: BoundaryOptions = DEFAULT_BOUNDARY,
): MethodChoice {
  const ends = pickEndpoints(context, digit, partner, rng);
  const size = context.latentSize;
  const ts = linspace(0, 1, options.steps + 2).slice(1, -1);
  const candidates = rankPaths(
    context,
    pathCandidates(context, ends.from, ends.partner, rng, options),
    ts,
    digit,
    ends.partner,
  ).slice(0, options.sweepLimit);

  // Coarse sweep, a few candidate paths per batch, best ranked first; stop once
  // a path has a wide enough window, so easy pairs cost one batch.
  let best = { k: 0, width: -2, margin: -Infinity, run: null as [number, number] | null };
  let bestScored: Scored | null = null, bestRow0 = 0;
  for (let first = 0; first < candidates.length; first += options.batch) {
    const batch = candidates.slice(first, first + options.batch);
    const latents = new Float32Array(batch.length * ts.length * size);
    batch.forEach(({ from, to }, k) =>
      latents.set(interpolate(from.latent, to.latent, ts), k * ts.length * size)
    );
    const coarse = scorePoints(context, latents, digit, ends.partner, options, options.views);
    batch.forEach((_, k) => {
      const margins = coarse.margins.slice(k * ts.length, (k + 1) * ts.length);
      const run = widestRun(margins);
      const width = run ? run[1] - run[0] : -1;
      const margin = Math.max(...margins);
      if (width > best.width || (width === best.width && margin > best.margin)) {
        best = { k: first + k, width, margin, run };
        bestScored = coarse;
        bestRow0 = k * ts.length;
      }
    });
    if (best.width >= options.enoughWidth) break;
  }
  const coarse = bestScored!;
  const bestRun = best.run;
  const { from, to } = candidates[best.k];
  const row0 = bestRow0;
  const finish = (t: number, scored: Scored, row: number): MethodChoice => {
    const choice = pick(context, from, to, ends.partner, t, scored, row);
    if (options.searchRounds <= 0 || scored.margins[row] >= options.searchBelow) return choice;
    const found = searchLatent(
      context,
      choice.latent,
      choice.image,
      scored.margins[row],
      digit,
      ends.partner,
      rng,
      options,
    );
    return { ...choice, latent: found.latent, image: found.image };
  };
  if (!bestRun) {
    // No split point on any path: fall back to the best single point seen.
    const margins = coarse.margins.slice(row0, row0 + ts.length);
    const i = margins.indexOf(Math.max(...margins));
    return finish(ts[i], coarse, row0 + i);
  }

  // Fine sweep across the window, one coarse step either side, then take its centre.
  const step = ts[1] - ts[0];
  const lo = Math.max(ts[bestRun[0]] - step, 1e-3);
  const hi = Math.min(ts[bestRun[1]] + step, 1 - 1e-3);
  if (options.refineSteps > 0) {
    const fineTs = linspace(lo, hi, options.refineSteps + 2).slice(1, -1);
    const fine = scorePoints(
      context,
      interpolate(from.latent, to.latent, fineTs),
      digit,
      ends.partner,
      options,
      options.refineViews,
    );
    const run = widestRun(fine.margins);
    // A one-coarse-step window is all the fine sweep may refine; without a run keep the coarse one.
    if (run) {
      const centre = Math.round((run[0] + run[1]) / 2);
      return finish(fineTs[centre], fine, centre);
    }
  }
  const centre = Math.round((bestRun[0] + bestRun[1]) / 2);
  return finish(ts[centre], coarse, row0 + centre);
}

/**
 * Orders paths by how cleanly the latent classifier sees them pass between D
 * and P: the best point's min(p(D), p(P)) minus the mass on other digits.
 * Costs microseconds, so many more paths can be considered than decoded.
 */
function rankPaths(
  context: MuddleContext,
  paths: CandidatePath[],
  ts: number[],
  digit: number,
  partner: number,
): CandidatePath[] {
  const scores = paths.map(({ from, to }) => {
    const p = context.lda.predict(interpolate(from.latent, to.latent, ts));
    let best = -Infinity;
    for (let i = 0; i < ts.length; i++) {
      const d = p[i * 10 + digit], q = p[i * 10 + partner];
      best = Math.max(best, Math.min(d, q) - (1 - d - q));
    }
    return best;
  });
  // A stable sort on the score keeps the candidates' own order among ties.
  return paths.map((path, i) => ({ path, score: scores[i], i }))
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map(({ path }) => path);
}

interface Scored {
  latents: Float32Array;
  images: Float32Array;
  margins: Float64Array;
}

function scorePoints(
  context: MuddleContext,
  latents: Float32Array,
  digit: number,
  partner: number,
  thresholds: SplitThresholds,
  views: number,
): Scored {
  // Every candidate point is decoded and judged in one batch: far cheaper than one by one.
  const images = context.decode(latents);
  const judged = judgeShifted(context.judge, images, views);
  const n = latents.length / context.latentSize;
  const margins = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    margins[row] = splitMargin(judged, images, row, digit, partner, context.ranges, thresholds);
  }
  return { latents, images, margins };
}

function pick(
  context: MuddleContext,
  from: PathEnd,
  to: PathEnd,
  partner: number,
  t: number,
  scored: Scored,
  row: number,
): MethodChoice {
  const size = context.latentSize;
  return {
    from,
    to,
    partner,
    t,
    latent: scored.latents.slice(row * size, (row + 1) * size),
    image: scored.images.slice(row * IMAGE_PIXELS, (row + 1) * IMAGE_PIXELS),
  };
}
