import { DIGITS } from "../../model/sizes.ts";
import { type DigitRanges, imageFeatures, isDigitLike } from "../digit_likeness.ts";
import type { JudgeOutput } from "../types.ts";

/** The ambiguous window: every judge gives D and P at least `low`, and no digit more than `high`. */
export interface SplitThresholds {
  low: number;
  high: number;
}

/** The thresholds that worked best in the experiments. */
export const DEFAULT_THRESHOLDS: SplitThresholds = { low: 0.25, high: 0.65 };

/**
 * How far image `row` is inside the ambiguous window, by its worst judge:
 * min over judges of (p(D) - low, p(P) - low, high - max p). Non-negative
 * means inside. Images that do not look like a digit get -Infinity.
 */
export function splitMargin(
  judged: JudgeOutput,
  images: Float32Array,
  row: number,
  digit: number,
  partner: number,
  ranges: DigitRanges,
  thresholds: SplitThresholds = DEFAULT_THRESHOLDS,
): number {
  if (!isDigitLike(imageFeatures(images, row), ranges, digit, partner)) return -Infinity;
  let margin = Infinity;
  for (const probabilities of Object.values(judged.members)) {
    const base = row * DIGITS;
    let max = 0;
    for (let i = 0; i < DIGITS; i++) max = Math.max(max, probabilities[base + i]);
    margin = Math.min(
      margin,
      probabilities[base + digit] - thresholds.low,
      probabilities[base + partner] - thresholds.low,
      thresholds.high - max,
    );
  }
  return margin;
}

/** The longest run of consecutive non-negative margins: [first, last] indices, or null. */
export function widestRun(margins: ArrayLike<number>): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  for (let i = 0; i <= margins.length; i++) {
    const inside = i < margins.length && margins[i] >= 0;
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      if (!best || i - 1 - start > best[1] - best[0]) best = [start, i - 1];
      start = -1;
    }
  }
  return best;
}
