import { DIGITS } from "../model/sizes.ts";

/** The success thresholds. */
export const SUCCESS = { minPair: 0.8, maxProbability: 0.7, minEach: 0.2 } as const;

/** How muddled one output is, read from one set of 10 probabilities. */
export interface MuddleScore {
  pDigit: number;
  pPartner: number;
  /** p(D) + p(P). */
  pair: number;
  /** The largest probability (the winner's). */
  max: number;
  /** 1 when p(D) = p(P), 0 when one of them is 0. */
  balance: number;
  /** p(D)+p(P) >= 0.8, max <= 0.7, p(D) >= 0.2 and p(P) >= 0.2. */
  success: boolean;
}

/**
 * Scores the probabilities at `row` of packed [n * 10] (or a single 10-vector)
 * for digit D against partner P by the success rule.
 */
export function scoreMuddle(
  probabilities: ArrayLike<number>,
  digit: number,
  partner: number,
  row = 0,
): MuddleScore {
  const base = row * DIGITS;
  if (base + DIGITS > probabilities.length) {
    throw new RangeError(`row ${row} is past the ${probabilities.length / DIGITS} rows given`);
  }
  const pDigit = probabilities[base + digit];
  const pPartner = probabilities[base + partner];
  let max = 0;
  for (let i = 0; i < DIGITS; i++) max = Math.max(max, probabilities[base + i]);
  const pair = pDigit + pPartner;
  const balance = pair > 0 ? Math.min(pDigit, pPartner) / Math.max(pDigit, pPartner) : 0;
  const success = pair >= SUCCESS.minPair && max <= SUCCESS.maxProbability &&
    pDigit >= SUCCESS.minEach && pPartner >= SUCCESS.minEach;
  return { pDigit, pPartner, pair, max, balance, success };
}
