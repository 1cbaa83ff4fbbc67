import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { scoreMuddle } from "./criteria.ts";

const probs = (values: Record<number, number>) =>
  Array.from({ length: 10 }, (_, i) => values[i] ?? 0);

Deno.test("scoreMuddle() accepts an even split between D and P", () => {
  const score = scoreMuddle(probs({ 4: 0.45, 9: 0.45, 7: 0.1 }), 4, 9);
  assert(score.success);
  assertEquals(score.balance, 1);
  assert(Math.abs(score.pair - 0.9) < 1e-9);
});

Deno.test("scoreMuddle() rejects a winner above 0.7, a weak digit, or a third digit", () => {
  assert(!scoreMuddle(probs({ 4: 0.75, 9: 0.25 }), 4, 9).success);
  assert(!scoreMuddle(probs({ 4: 0.65, 9: 0.15, 1: 0.2 }), 4, 9).success);
  assert(!scoreMuddle(probs({ 4: 0.4, 9: 0.35, 1: 0.25 }), 4, 9).success);
});

Deno.test("scoreMuddle() reads the requested row of packed probabilities", () => {
  const packed = [...probs({ 1: 1 }), ...probs({ 2: 0.5, 3: 0.5 })];
  assert(scoreMuddle(packed, 2, 3, 1).success);
  assert(!scoreMuddle(packed, 2, 3, 0).success);
});
