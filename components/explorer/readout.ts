/**
 * What the live region says: one sentence per decoded step, with the t and
 * the reading of the same digit (never a new t beside an old reading), and
 * t said once.
 */
import type { EndRef } from "./url_state.ts";
import { className } from "./class_name.ts";

/** The decoded step the sentence is about. */
export interface DecodedStep {
  t: number;
  probabilities: ArrayLike<number>;
  /** Whether it was decoded on the path shown now. */
  fresh: boolean;
}

const LABEL = (end: EndRef, names?: string[]) =>
  end.kind === "centroid"
    ? names ? className(names, end.digit) : `centroid ${end.digit}`
    : end.kind === "latent"
    ? "your digit"
    : `image #${end.index}`;
const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * The sentence for the ends `a`, `b` (digits `da`, `db`) and the latest decoded step, with
 * the class names when given.
 */
export function readoutOf(
  a: EndRef | null,
  b: EndRef | null,
  da: number | null,
  db: number | null,
  step: DecodedStep | null,
  names?: string[],
): string {
  if (a && b) {
    if (!step?.fresh || da === null || db === null) return "Decoding…";
    const p = step.probabilities;
    const other = da !== db ? `, ${className(names, db)} at ${pct(p[db])}` : "";
    return `t = ${step.t.toFixed(2)}. Judge: ${className(names, da)} at ${pct(p[da])}${other}.`;
  }
  if (a) return `Start set to ${LABEL(a, names)}. Pick the other end.`;
  return "Pick two ends: click a centroid or a point, or use the selects.";
}

/** How an end is named to people: "centroid 3" (or its class name) or "image #1234". */
export const endLabel = LABEL;
