import { type MuddleEngine, scoreMuddle } from "../lib/muddle/mod.ts";

/**
 * The random given inputs eval scores, the same for every method and mode:
 * `count` distinct test images of each digit, digit by digit.
 */
export function evalInputs(engine: MuddleEngine, count: number, seed: number): number[] {
  return Array.from(
    { length: 10 },
    (_, digit) => engine.drawInputs(digit, count, (seed + digit * 7919) >>> 0),
  ).flat();
}

/** Whether one reader's probabilities (row `row` of `p`) pass the success rule, digit-like ink included. */
export function passesReader(
  p: ArrayLike<number>,
  output: { digit: number; partner: number; digitLike?: boolean },
  row = 0,
): boolean {
  return output.digitLike !== false &&
    scoreMuddle(p, output.digit, output.partner, row).success;
}
