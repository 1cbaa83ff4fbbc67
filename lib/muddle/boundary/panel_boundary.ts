import { DIGITS, IMAGE_PIXELS } from "../../model/sizes.ts";
import type { MethodChoice } from "../choice.ts";
import type { MuddleContext } from "../context.ts";
import { SUCCESS } from "../criteria.ts";
import { pathEnd } from "../endpoints.ts";
import { imageFeatures, isDigitLike } from "../digit_likeness.ts";
import { interpolate, linspace } from "../interpolate.ts";
import { rankCentroids } from "../nearest_centroid.ts";
import type { PathEnd } from "../types.ts";
import { balancePanel, type PanelBalanceOptions } from "./panel_balance.ts";

/** The knobs of the panel search (eval's variants change them). */
export interface PanelSearchOptions extends PanelBalanceOptions {
  /** Straight paths per partner: from a to each of this many images of P nearest to a's latent. */
  panelPaths: number;
  /**
   * Partners tried when none is given: the nearest other centroids, nearest
   * first. A given partner gets their paths instead, so the cost is the same.
   */
  panelPartners: number;
  /** Points per path, evenly spaced over t in [0.1, 0.9]. */
  panelSteps: number;
  /** Neighbours each side along a path whose pass counts are averaged in (0: none). */
  panelSmooth: number;
}

/**
 * The defaults: 14 path points, then 10 probes and 8 balancing steps, about
 * 33 decodes and panel reads, under 20 ms per output (bench:muddle). Chosen
 * by leaving one panel family out (pooled CNNs, or MLPs) and scoring the
 * rest's choice on it (docs/muddle.md says what else was looked at).
 */
export const DEFAULT_PANEL_SEARCH: PanelSearchOptions = {
  panelPaths: 2,
  panelPartners: 1,
  panelSteps: 7,
  panelSmooth: 0,
  balanceSteps: 8,
  balancePairWeight: 30,
  balancePrior: 0.01,
};

/**
 * `boundary` over a panel of readers: from the given image a of D, tries the
 * straight paths to the images of P nearest to a in latent space (for the
 * given P, or for each of the `panelPartners` nearest other digits), and keeps
 * the point that the most panel readers pass by the success rule (digit-like
 * ink required), optionally with its neighbours along the path counted in
 * (`panelSmooth`). From there it leaves the path to where the panel is most
 * evenly split (panel_balance.ts). Readers put the D|P border in different
 * places, so the point a varied panel agrees on is the best guess for a
 * reader it has not seen; how good a guess that is, eval measures
 * (docs/muddle.md).
 */
export function muddlePanelBoundary(
  context: MuddleContext,
  from: PathEnd,
  digit: number,
  partner: number | undefined,
  options: PanelSearchOptions = DEFAULT_PANEL_SEARCH,
): MethodChoice {
  const size = context.latentSize;
  const partners = partner !== undefined
    ? [partner]
    : rankCentroids(from.latent, context.models.centroids, digit).slice(0, options.panelPartners);
  const perPartner = partner !== undefined
    ? options.panelPaths * options.panelPartners
    : options.panelPaths;
  const paths = partners.flatMap((p) =>
    nearestImages(context, from.latent, p, perPartner).map((end) => ({ partner: p, end }))
  );
  const ends = paths.map((path) => path.end);
  const ts = linspace(0.1, 0.9, options.panelSteps);
  const steps = ts.length, n = ends.length * steps;
  const latents = new Float32Array(n * size);
  ends.forEach((end, p) =>
    latents.set(interpolate(from.latent, context.latentOf(end), ts), p * steps * size)
  );
  const images = context.decode(latents);
  const members = Object.values(context.panel(images).members);
  const raw = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const chosen = paths[Math.floor(row / steps)].partner;
    if (!isDigitLike(imageFeatures(images, row), context.ranges, digit, chosen)) {
      raw[row] = -1;
      continue;
    }
    let passed = 0, soft = 0;
    for (const p of members) {
      const margin = successMargin(p, row, digit, chosen);
      if (margin >= 0) passed++;
      soft += 1 / (1 + Math.exp(-margin / 0.05));
    }
    // The soft count only breaks ties between equal pass counts.
    raw[row] = (passed + 0.01 * soft / members.length) / members.length;
  }
  let best = 0, bestScore = -Infinity;
  for (let row = 0; row < n; row++) {
    if (raw[row] < 0) continue;
    const score = smoothed(raw, row, steps, options.panelSmooth);
    if (score > bestScore) [best, bestScore] = [row, score];
  }
  const path = paths[Math.floor(best / steps)];
  const balanced = balancePanel(
    context,
    latents.slice(best * size, (best + 1) * size),
    images.slice(best * IMAGE_PIXELS, (best + 1) * IMAGE_PIXELS),
    digit,
    path.partner,
    options,
  );
  // t stays the path point's: the explorer opens the path there; the latent may have left it.
  return {
    from,
    to: pathEnd(context, path.end),
    partner: path.partner,
    t: ts[best % steps],
    latent: balanced.latent,
    image: balanced.image,
  };
}

/**
 * How far one reader's probabilities are inside the success rule (negative
 * outside): the least of p(D)+p(P) - 0.8, p(D) - 0.2, p(P) - 0.2, 0.7 - max.
 */
export function successMargin(p: Float32Array, row: number, digit: number, partner: number) {
  const base = row * DIGITS;
  let max = 0;
  for (let i = 0; i < DIGITS; i++) max = Math.max(max, p[base + i]);
  const pd = p[base + digit], pp = p[base + partner];
  return Math.min(
    pd + pp - SUCCESS.minPair,
    pd - SUCCESS.minEach,
    pp - SUCCESS.minEach,
    SUCCESS.maxProbability - max,
  );
}

/** Test indices of the `k` images of `digit` nearest to `latent` (nearest first). */
function nearestImages(
  context: MuddleContext,
  latent: ArrayLike<number>,
  digit: number,
  k: number,
): number[] {
  const size = context.latentSize, all = context.models.latents;
  return context.byDigit[digit]
    .map((index) => {
      let d = 0;
      for (let i = 0; i < size; i++) d += (all[index * size + i] - latent[i]) ** 2;
      return [d, index] as const;
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, index]) => index);
}

/** `raw[row]` averaged with up to `width` neighbours each side on the same path (weights 1/(1+offset)). */
function smoothed(raw: Float64Array, row: number, steps: number, width: number): number {
  const start = row - (row % steps);
  let sum = 0, weights = 0;
  for (let offset = -width; offset <= width; offset++) {
    const at = row + offset;
    if (at < start || at >= start + steps) continue;
    const weight = 1 / (1 + Math.abs(offset));
    sum += Math.max(raw[at], 0) * weight;
    weights += weight;
  }
  return sum / weights;
}
