import type { MuddleContext } from "../context.ts";
import { interpolate, linspace } from "../interpolate.ts";
import type { BoundaryOptions } from "./options.ts";
import { type CandidatePath, pathCandidates } from "./partner_candidates.ts";
import { pointAt, type ScoredPoint, scorePoints } from "./path_points.ts";
import type { Rng } from "../../random/seeded_rng.ts";
import { widestRun } from "./split_margin.ts";
import type { PathEnd } from "../types.ts";

/** What the coarse sweep learnt about one candidate path. */
export interface PathResult {
  path: CandidatePath;
  /** The ambiguous window [start, end] in t, or null when none was seen. */
  window: [number, number] | null;
  /** The best point seen (largest split margin). */
  best: ScoredPoint;
}

/** Width in t of a path's window; -1 without one. */
export const width = (r: PathResult) => r.window ? r.window[1] - r.window[0] : -1;

/** A wider window wins; between equal widths, the larger split margin. */
export function better(a: PathResult, b: PathResult): boolean {
  return width(a) > width(b) || (width(a) === width(b) && a.best.margin > b.best.margin);
}

/**
 * The best candidate path from a to the images of `partner` (the main export
 * here, for `boundary`): coarse sweep, a
 * few candidate paths per batch, best ranked first; stops once a path has a
 * wide enough window, so easy pairs cost one batch.
 */
export function bestPath(
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
    for (const result of batch) if (!best || better(result, best)) best = result;
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
