import { DIGITS, IMAGE_PIXELS } from "../../model/sizes.ts";
import type { MuddleContext } from "../context.ts";
import { judgeShifted } from "./shifted_views.ts";
import { splitMargin, type SplitThresholds } from "./split_margin.ts";

/** Decoded, judged points: what `boundary` knows about each latent it tried. */
export interface ScoredPoints {
  /** [n * latentSize]. */
  latents: Float32Array;
  /** [n * 784]. */
  images: Float32Array;
  /** Split margin of each point (see split_margin.ts); >= 0 inside the window. */
  margins: Float64Array;
  /** Ensemble mean p(D) - p(P) of each point: which side of the border it is on. */
  leans: Float64Array;
}

/** One point of a {@link ScoredPoints}, copied out. */
export interface ScoredPoint {
  t: number;
  latent: Float32Array;
  image: Float32Array;
  margin: number;
}

/**
 * Decodes packed latents and judges them in one batch (far cheaper than one
 * by one), with each judge reading `views` shifted copies.
 */
export function scorePoints(
  context: MuddleContext,
  latents: Float32Array,
  digit: number,
  partner: number,
  thresholds: SplitThresholds,
  views: number,
  latentReader = false,
): ScoredPoints {
  const images = context.decode(latents);
  const judged = judgeShifted(context.judge, images, views);
  // The latent LDA as one more reader, of a wholly different kind, must be split too.
  if (latentReader) {
    judged.members = { ...judged.members, latent_lda: context.lda.predict(latents) };
  }
  const n = latents.length / context.latentSize;
  const margins = new Float64Array(n), leans = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    margins[row] = splitMargin(judged, images, row, digit, partner, context.ranges, thresholds);
    leans[row] = judged.mean[row * DIGITS + digit] - judged.mean[row * DIGITS + partner];
  }
  return { latents, images, margins, leans };
}

/** Copies point `row` out of `points`, tagged with its position `t` on the path. */
export function pointAt(
  points: ScoredPoints,
  row: number,
  t: number,
  latentSize: number,
): ScoredPoint {
  return {
    t,
    latent: points.latents.slice(row * latentSize, (row + 1) * latentSize),
    image: points.images.slice(row * IMAGE_PIXELS, (row + 1) * IMAGE_PIXELS),
    margin: points.margins[row],
  };
}
