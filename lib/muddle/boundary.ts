import type { MethodChoice } from "./choice.ts";
import type { MuddleContext } from "./context.ts";
import { pickEndpoints } from "./endpoints.ts";
import { rankCentroids } from "./nearest_centroid.ts";
import type { PathEnd } from "./types.ts";
import { type CandidatePath, type PartnerChoice, pathCandidates } from "./partner_candidates.ts";
import { interpolate, linspace } from "./interpolate.ts";
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

/** What the coarse sweep learnt about one candidate path. */
interface PathResult {
  path: CandidatePath;
  /** The ambiguous window [start, end] in t, or null when none was seen. */
  window: [number, number] | null;
  /** The best point seen (largest split margin). */
  best: ScoredPoint;
}

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
    if (!best || better(result, best, options)) [best, chosen] = [result, option];
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

const width = (r: PathResult) => r.window ? r.window[1] - r.window[0] : -1;

/** A wider window wins; between equal widths, the larger split margin. */
function better(a: PathResult, b: PathResult, _options: BoundaryOptions): boolean {
  return width(a) > width(b) || (width(a) === width(b) && a.best.margin > b.best.margin);
}

/**
 * The best candidate path from a to the images of `partner`: coarse sweep, a
 * few candidate paths per batch, best ranked first; stops once a path has a
 * wide enough window, so easy pairs cost one batch.
 */
function bestPath(
  context: MuddleContext,
  from: PathEnd,
  digit: number,
  partner: number,
  rng: Rng,
  options: BoundaryOptions,
): PathResult {
  const ts = linspace(0, 1, options.steps + 2).slice(1, -1);
  const candidates = rankPaths(
    context,
    pathCandidates(context, from, partner, rng, options),
    ts,
    digit,
    partner,
  ).slice(0, options.sweepLimit);
  let best: PathResult | null = null;
  for (let first = 0; first < candidates.length; first += options.batch) {
    const batch = sweepPaths(
      context,
      candidates.slice(first, first + options.batch),
      ts,
      digit,
      partner,
      options,
    );
    for (const result of batch) if (!best || better(result, best, options)) best = result;
    if (width(best!) >= options.enoughWidth / (options.steps + 1)) break;
  }
  return best!;
}

/**
 * Sweeps a batch of paths at `ts` in one decode, and on those with no window
 * bisects where the ensemble crosses from D to P, where a narrow window hides.
 */
function sweepPaths(
  context: MuddleContext,
  paths: CandidatePath[],
  ts: number[],
  digit: number,
  partner: number,
  options: BoundaryOptions,
): PathResult[] {
  const size = context.latentSize, n = ts.length;
  const latents = new Float32Array(paths.length * n * size);
  paths.forEach(({ from, to }, k) =>
    latents.set(interpolate(from.latent, to.latent, ts), k * n * size)
  );
  const coarse = scorePoints(
    context,
    latents,
    digit,
    partner,
    options,
    options.views,
    options.latentReader,
  );
  const results = paths.map((path, k): PathResult => {
    const margins = coarse.margins.subarray(k * n, (k + 1) * n);
    const run = widestRun(margins);
    let top = 0;
    for (let i = 1; i < n; i++) if (margins[i] > margins[top]) top = i;
    return {
      path,
      window: run ? [ts[run[0]], ts[run[1]]] : null,
      best: pointAt(coarse, k * n + top, ts[top], size),
    };
  });
  // Brackets [lo, hi] of the first crossing from D (lean > 0) to P, for paths without a window.
  const open = results.map((r, k) => {
    if (r.window) return null;
    let lo = 0, hi = 1;
    for (let i = 0; i < n; i++) {
      if (coarse.leans[k * n + i] > 0) lo = ts[i];
      else {
        hi = ts[i];
        break;
      }
    }
    return [lo, hi];
  });
  for (let b = 0; b < options.bisections; b++) {
    const active = open.map((o, k) => (o ? k : -1)).filter((k) => k >= 0);
    if (active.length === 0) break;
    const mids = active.map((k) => (open[k]![0] + open[k]![1]) / 2);
    const points = new Float32Array(active.length * size);
    active.forEach((k, j) =>
      points.set(interpolate(paths[k].from.latent, paths[k].to.latent, [mids[j]]), j * size)
    );
    const scored = scorePoints(
      context,
      points,
      digit,
      partner,
      options,
      options.views,
      options.latentReader,
    );
    active.forEach((k, j) => {
      if (scored.margins[j] > results[k].best.margin) {
        results[k].best = pointAt(scored, j, mids[j], size);
      }
      if (scored.margins[j] >= 0) {
        results[k].window = [mids[j], mids[j]];
        open[k] = null;
      } else if (scored.leans[j] > 0) open[k]![0] = mids[j];
      else open[k]![1] = mids[j];
    });
  }
  return results;
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
