import { scoreMuddle } from "./criteria.ts";
import type { JudgeVerdict } from "./types.ts";

/** One scored output, as eval collects them. */
export interface ScoredOutput {
  digit: number;
  partner: number;
  judge: JudgeVerdict;
  /** The holdout classifier's probabilities, when it was run. */
  holdout?: ArrayLike<number>;
  /** Time to generate it, in milliseconds. */
  ms: number;
  /** Images decoded to generate it (a load-independent cost). */
  decodes?: number;
  /** Whether it passed the digit-likeness check. */
  digitLike?: boolean;
}

/** Success and means over a set of outputs. */
export interface MuddleSummary {
  count: number;
  /** Ensemble success: the mean passes the rule and every member keeps >= 0.5 on D and P. */
  successRate: number;
  /** Success rate under each judge on its own, by name. */
  memberRates: Record<string, number>;
  /** Success rate under the holdout classifier (NaN when it was not run). */
  holdoutRate: number;
  meanWinner: number;
  meanPair: number;
  meanBalance: number;
  meanMs: number;
  /** Mean images decoded per output (NaN when not counted). */
  meanDecodes: number;
  /** Share of outputs that passed the digit-likeness check (NaN when not checked). */
  digitLikeRate: number;
  /** Per "D-P" pair: outputs and ensemble successes. */
  pairs: Record<string, { count: number; successes: number }>;
}

/** True when the ensemble is split between D and P and no member leans to a third digit. */
export function ensembleSuccess(judge: JudgeVerdict, digit: number, partner: number): boolean {
  return scoreMuddle(judge.probabilities, digit, partner).success &&
    Object.values(judge.members).every((p) => p[digit] + p[partner] >= 0.5);
}

/** Aggregates scored outputs into the figures eval prints. */
export function summarize(outputs: ScoredOutput[]): MuddleSummary {
  if (outputs.length === 0) throw new RangeError("summarize() needs at least one output");
  const n = outputs.length;
  const mean = (f: (o: ScoredOutput) => number) => outputs.reduce((s, o) => s + f(o), 0) / n;
  const scores = outputs.map((o) => scoreMuddle(o.judge.probabilities, o.digit, o.partner));
  const pairs: MuddleSummary["pairs"] = {};
  let successes = 0;
  outputs.forEach((o) => {
    const ok = ensembleSuccess(o.judge, o.digit, o.partner);
    const key = `${o.digit}-${o.partner}`;
    pairs[key] ??= { count: 0, successes: 0 };
    pairs[key].count++;
    if (ok) {
      pairs[key].successes++;
      successes++;
    }
  });
  const memberRates = Object.fromEntries(
    Object.keys(outputs[0].judge.members).map((name) => [
      name,
      mean((o) => Number(scoreMuddle(o.judge.members[name], o.digit, o.partner).success)),
    ]),
  );
  const withHoldout = outputs.filter((o) => o.holdout);
  const holdoutRate = withHoldout.length === 0
    ? NaN
    : withHoldout.filter((o) => scoreMuddle(o.holdout!, o.digit, o.partner).success).length /
      withHoldout.length;
  return {
    count: n,
    successRate: successes / n,
    memberRates,
    holdoutRate,
    meanWinner: scores.reduce((s, x) => s + x.max, 0) / n,
    meanPair: scores.reduce((s, x) => s + x.pair, 0) / n,
    meanBalance: scores.reduce((s, x) => s + x.balance, 0) / n,
    meanMs: mean((o) => o.ms),
    meanDecodes: mean((o) => o.decodes ?? NaN),
    digitLikeRate: mean((o) => o.digitLike === undefined ? NaN : Number(o.digitLike)),
    pairs,
  };
}
