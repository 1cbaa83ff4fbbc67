/** A digit "matters" on the chart when the judge gives it at least this somewhere on the path. */
export const MATTERS = 0.1;

/**
 * The digits the chart draws: the two ends' digits, then every other digit
 * that reaches `MATTERS` at some step, strongest first (at most five lines,
 * the rest stay in the "all other digits" band). `probabilities` is [steps * 10].
 */
export function chartDigits(
  probabilities: ArrayLike<number>,
  steps: number,
  ends: [number, number],
): number[] {
  if (probabilities.length !== steps * 10) {
    throw new RangeError(`expected ${steps} x 10 probabilities, got ${probabilities.length}`);
  }
  const peak = Array.from({ length: 10 }, (_, d) => {
    let best = 0;
    for (let s = 0; s < steps; s++) best = Math.max(best, probabilities[s * 10 + d]);
    return best;
  });
  const first = ends[0] === ends[1] ? [ends[0]] : [...ends];
  const others = peak.map((p, d) => [d, p]).filter(([d, p]) => !first.includes(d) && p >= MATTERS)
    .sort((x, y) => y[1] - x[1]).map(([d]) => d);
  return [...first, ...others].slice(0, 5);
}

/**
 * What to say about a step where the judge's top digit is neither end's,
 * or null when one of the ends wins there.
 */
export function neitherEndWins(
  probabilities: ArrayLike<number>,
  step: number,
  ends: [number, number],
): { digit: number; p: number } | null {
  let top = 0;
  for (let d = 1; d < 10; d++) {
    if (probabilities[step * 10 + d] > probabilities[step * 10 + top]) top = d;
  }
  return ends.includes(top) ? null : { digit: top, p: probabilities[step * 10 + top] };
}
