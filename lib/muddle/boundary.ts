import type { MethodChoice } from "./choice.ts";
import type { MuddleContext } from "./context.ts";
import { pickEndpoints } from "./endpoints.ts";
import { rankCentroids } from "./nearest_centroid.ts";
import { interpolate, linspace } from "./interpolate.ts";
import { bestPath, better, type PathResult } from "./boundary/path_sweep.ts";
import type { Rng } from "../random/seeded_rng.ts";
import { searchLatent } from "./boundary/latent_search.ts";
import { pointAt, type ScoredPoint, scorePoints } from "./boundary/path_points.ts";
import { widestRun } from "./boundary/split_margin.ts";
import { type BoundaryOptions, DEFAULT_BOUNDARY } from "./boundary/options.ts";

import { muddlePanelBoundary } from "./boundary/panel_boundary.ts";

export { type BoundaryOptions, DEFAULT_BOUNDARY };

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
  fromIndex?: number,
): MethodChoice {
  const ends = pickEndpoints(context, digit, partner, rng, fromIndex);
  if (options.panel) return muddlePanelBoundary(context, ends.from, digit, partner, options);
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
