import { IMAGE_PIXELS } from "../model/sizes.ts";
import type { MethodChoice } from "./choice.ts";
import type { MuddleContext } from "./context.ts";
import { pickEndpoints } from "./endpoints.ts";
import { interpolate, linspace } from "./interpolate.ts";
import type { Rng } from "../random/seeded_rng.ts";
import { farthestStep } from "./marks.ts";

/** Points decoded along the path by `farthest`. */
export const FARTHEST_STEPS = 21;

/** How `farthest` scores a step: the nearer end's distance (the default), or the literal sum. */
export type FarthestObjective = "maximin" | "sum";

/**
 * The original's further idea, "far from both a and b": decode a series
 * along the path between the recipe's two images and keep the step whose
 * nearer end is farthest, the explorer's F mark (farthestStep in marks.ts,
 * the ends being the series' first and last decodes). The literal
 * mse(O, a) + mse(O, b) over the raw images peaks at the ends, so it is kept
 * only as eval's "sum" variant.
 */
export function muddleFarthest(
  context: MuddleContext,
  digit: number,
  partner: number | undefined,
  rng: Rng,
  fromIndex?: number,
  objective: FarthestObjective = "maximin",
  steps = FARTHEST_STEPS,
): MethodChoice {
  const ends = pickEndpoints(context, digit, partner, rng, fromIndex);
  const ts = linspace(0, 1, steps);
  const latents = interpolate(ends.from.latent, ends.to.latent, ts);
  const images = context.decode(latents);
  const best = objective === "sum"
    ? farthestIndex(
      images,
      context.imageOf(ends.from.index),
      context.imageOf(ends.to.index),
      "sum",
    )
    : farthestStep(images, steps);
  const size = context.latentSize;
  return {
    ...ends,
    t: ts[best],
    latent: latents.slice(best * size, (best + 1) * size),
    image: images.slice(best * IMAGE_PIXELS, (best + 1) * IMAGE_PIXELS),
  };
}

/**
 * The row of packed images [n * 784] whose nearer end is farthest,
 * min(mse(row, a), mse(row, b)), or with "sum" the one that maximises
 * mse(row, a) + mse(row, b); first on ties.
 */
export function farthestIndex(
  images: Float32Array,
  a: Float32Array,
  b: Float32Array,
  objective: FarthestObjective = "maximin",
): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let row = 0; row * IMAGE_PIXELS < images.length; row++) {
    const score = objective === "sum"
      ? pairMse(images, row, a, b)
      : Math.min(mse(images, row, a), mse(images, row, b));
    if (score > bestScore) {
      bestScore = score;
      best = row;
    }
  }
  return best;
}

/** mse(row, a) + mse(row, b) for row `row` of packed images. */
export function pairMse(images: Float32Array, row: number, a: Float32Array, b: Float32Array) {
  let sum = 0;
  const base = row * IMAGE_PIXELS;
  for (let i = 0; i < IMAGE_PIXELS; i++) {
    const v = images[base + i];
    sum += (v - a[i]) ** 2 + (v - b[i]) ** 2;
  }
  return sum / IMAGE_PIXELS;
}

/** mse(row, a) for row `row` of packed images. */
export function mse(images: Float32Array, row: number, a: Float32Array): number {
  let sum = 0;
  const base = row * IMAGE_PIXELS;
  for (let i = 0; i < IMAGE_PIXELS; i++) sum += (images[base + i] - a[i]) ** 2;
  return sum / IMAGE_PIXELS;
}
