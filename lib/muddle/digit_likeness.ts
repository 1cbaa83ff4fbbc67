import { DIGITS, IMAGE_PIXELS, IMAGE_SIDE } from "../model/sizes.ts";

/** Shape measures of one image that separate digits from smudges and double exposures. */
export interface ImageFeatures {
  /** Total ink (sum of pixel values). */
  ink: number;
  /** RMS distance of ink from its centre of mass, in pixels. */
  spread: number;
  /** Share of inked pixels (> 0.15) that are mid-grey (< 0.85): high for ghostly overlays. */
  greyness: number;
}

/** Per digit, the [low, high] range of each feature over real digits. */
export type DigitRanges = Record<keyof ImageFeatures, [number, number]>[];

const FEATURES: (keyof ImageFeatures)[] = ["ink", "spread", "greyness"];

/** The {@link ImageFeatures} of image `row` of packed [n * 784] pixels in 0..1. */
export function imageFeatures(images: ArrayLike<number>, row = 0): ImageFeatures {
  const base = row * IMAGE_PIXELS;
  let ink = 0, sx = 0, sy = 0, inked = 0, grey = 0;
  for (let i = 0; i < IMAGE_PIXELS; i++) {
    const v = images[base + i];
    ink += v;
    sx += v * (i % IMAGE_SIDE);
    sy += v * Math.floor(i / IMAGE_SIDE);
    if (v > 0.15) {
      inked++;
      if (v < 0.85) grey++;
    }
  }
  if (ink <= 0) return { ink: 0, spread: 0, greyness: 1 };
  const cx = sx / ink, cy = sy / ink;
  let moment = 0;
  for (let i = 0; i < IMAGE_PIXELS; i++) {
    const dx = i % IMAGE_SIDE - cx, dy = Math.floor(i / IMAGE_SIDE) - cy;
    moment += images[base + i] * (dx * dx + dy * dy);
  }
  return { ink, spread: Math.sqrt(moment / ink), greyness: inked > 0 ? grey / inked : 1 };
}

/**
 * The range of each feature per digit, from images known to be digits
 * (decoded reconstructions of real test latents, so blur is compared like
 * with like). Keeps the `quantile`..1-`quantile` band so outliers don't widen it.
 */
export function measureDigitRanges(
  images: ArrayLike<number>,
  labels: ArrayLike<number>,
  quantile = 0.02,
): DigitRanges {
  const values: Record<keyof ImageFeatures, number[]>[] = Array.from(
    { length: DIGITS },
    () => ({ ink: [], spread: [], greyness: [] }),
  );
  for (let row = 0; row < labels.length; row++) {
    const features = imageFeatures(images, row);
    for (const key of FEATURES) values[labels[row]][key].push(features[key]);
  }
  return values.map((perDigit, digit) => {
    const range = {} as Record<keyof ImageFeatures, [number, number]>;
    for (const key of FEATURES) {
      const sorted = perDigit[key].sort((a, b) => a - b);
      if (sorted.length === 0) throw new RangeError(`no sample images of digit ${digit}`);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      range[key] = [at(quantile), at(1 - quantile)];
    }
    return range;
  });
}

/** True when every feature lies within the range of real digit D or of real digit P. */
export function isDigitLike(
  features: ImageFeatures,
  ranges: DigitRanges,
  digit: number,
  partner: number,
): boolean {
  return FEATURES.every((key) => {
    const low = Math.min(ranges[digit][key][0], ranges[partner][key][0]);
    const high = Math.max(ranges[digit][key][1], ranges[partner][key][1]);
    return features[key] >= low && features[key] <= high;
  });
}
