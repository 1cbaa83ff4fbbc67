import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { ensembleSuccess, type ScoredOutput, summarize } from "./summary.ts";

const probs = (values: Record<number, number>) =>
  Array.from({ length: 10 }, (_, i) => values[i] ?? 0);

function output(mean: number[], members: number[][], holdout?: number[]): ScoredOutput {
  return {
    digit: 4,
    partner: 9,
    judge: { probabilities: mean, members: { cnn: members[0], mlp: members[1] } },
    holdout,
    ms: 10,
  };
}

Deno.test("ensembleSuccess() fails when one member leans to a third digit", () => {
  const even = probs({ 4: 0.5, 9: 0.5 });
  assert(ensembleSuccess(output(even, [even, even]).judge, 4, 9));
  // Mean 0.4/0.4/0.2 passes the rule, but the MLP puts only 0.4 on 4 and 9.
  const mean = probs({ 4: 0.4, 9: 0.4, 1: 0.2 });
  const judge = output(mean, [even, probs({ 4: 0.3, 9: 0.1, 1: 0.6 })]).judge;
  assert(!ensembleSuccess(judge, 4, 9));
});

Deno.test("summarize() reports rates, means and the per-pair breakdown", () => {
  const even = probs({ 4: 0.5, 9: 0.5 });
  const sure = probs({ 4: 1 });
  const summary = summarize([
    output(even, [even, even], even),
    output(sure, [sure, sure], even),
  ]);
  assertEquals(summary.count, 2);
  assertEquals(summary.successRate, 0.5);
  assertEquals(summary.memberRates, { cnn: 0.5, mlp: 0.5 });
  assertEquals(summary.holdoutRate, 1);
  assertEquals(summary.meanWinner, 0.75);
  assertEquals(summary.meanBalance, 0.5);
  assertEquals(summary.pairs, { "4-9": { count: 2, successes: 1 } });
});
