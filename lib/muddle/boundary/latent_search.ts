import { IMAGE_PIXELS } from "../../model/sizes.ts";
import type { MuddleContext } from "../context.ts";
import type { Rng } from "../../random/seeded_rng.ts";
import { judgeShifted } from "./shifted_views.ts";
import { splitMargin, type SplitThresholds } from "./split_margin.ts";

/** How the latent search steps. */
export interface SearchOptions extends SplitThresholds {
  /** Rounds of sampling (0 turns the search off). */
  searchRounds: number;
  /** Latents sampled per round, judged in one batch. */
  searchBatch: number;
  /** Step size in standard deviations of each latent dimension. */
  searchScale: number;
  /** Shifted views each judge reads (see shifted_views.ts); 1 for the image alone. */
  searchViews: number;
}

/**
 * Leaves the straight path: samples latents around `start`, keeps the one
 * whose worst judge is most evenly split (largest split margin, digit-like),
 * and repeats from there. Gradient-free so it runs on any tfjs backend, and
 * small steps keep the output close to the path's digit. Returns the start
 * unchanged when nothing beats it.
 */
export function searchLatent(
  context: MuddleContext,
  start: Float32Array,
  startImage: Float32Array,
  startMargin: number,
  digit: number,
  partner: number,
  rng: Rng,
  options: SearchOptions,
): { latent: Float32Array; image: Float32Array; margin: number } {
  const size = context.latentSize;
  let best = { latent: start, image: startImage, margin: startMargin };
  for (let round = 0; round < options.searchRounds; round++) {
    const latents = new Float32Array(options.searchBatch * size);
    for (let k = 0; k < options.searchBatch; k++) {
      for (let d = 0; d < size; d++) {
        latents[k * size + d] = best.latent[d] +
          options.searchScale * context.latentStd[d] * rng.normal();
      }
    }
    const images = context.decode(latents);
    const judged = judgeShifted(context.judge, images, options.searchViews);
    for (let k = 0; k < options.searchBatch; k++) {
      const margin = splitMargin(judged, images, k, digit, partner, context.ranges, options);
      if (margin > best.margin) {
        best = {
          latent: latents.slice(k * size, (k + 1) * size),
          image: images.slice(k * IMAGE_PIXELS, (k + 1) * IMAGE_PIXELS),
          margin,
        };
      }
    }
  }
  return best;
}
