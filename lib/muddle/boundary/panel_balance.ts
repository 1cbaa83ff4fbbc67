import { DIGITS, IMAGE_PIXELS } from "../../model/sizes.ts";
import { invertMatrix } from "../../linear/invert_matrix.ts";
import type { MuddleContext } from "../context.ts";
import { imageFeatures, isDigitLike } from "../digit_likeness.ts";

/** The knobs of the balancing step that follows the panel's path search. */
export interface PanelBalanceOptions {
  /** Damped Gauss-Newton steps in latent space (0: keep the path point as it is). */
  balanceSteps: number;
  /** Weight of keeping p(D) + p(P) near 1 (a third digit showing) against the D|P balance. */
  balancePairWeight: number;
  /** Weight of staying near the path point, per latent dimension in test-set standard deviations. */
  balancePrior: number;
}

/** Finite-difference step of the first Jacobian, in latent standard deviations. */
const PROBE = 0.05;
/** Keeps log p finite when a reader gives a digit exactly 0. */
const FLOOR = 1e-6;

interface Evaluated {
  latent: Float32Array;
  image: Float32Array;
  residuals: Float64Array;
  cost: number;
  digitLike: boolean;
}

/**
 * Moves a latent off the path to where every panel reader is most evenly
 * split between D and P. On a straight path each reader's ambiguous window is
 * about 0.04 of t wide and the readers' windows seldom overlap, so a point
 * chosen on the path is passed by few readers at once; in the 10-d latent
 * space there is room to balance them all. Least squares over, per reader,
 * log p(D) - log p(P) and -log(p(D) + p(P)) (weighted), plus a pull towards
 * the start: Levenberg-Marquardt steps on a Jacobian taken once by finite
 * differences (one batch of `latentSize` decodes) and then updated from each
 * step (Broyden), so a step costs one decode and one panel read. Returns the
 * lowest-cost digit-like point met, the start when none is better.
 */
export function balancePanel(
  context: MuddleContext,
  start: Float32Array,
  startImage: Float32Array,
  digit: number,
  partner: number,
  options: PanelBalanceOptions,
): { latent: Float32Array; image: Float32Array } {
  const size = context.latentSize, std = context.latentStd;
  const pairWeight = Math.sqrt(options.balancePairWeight);
  const evaluate = (latents: Float32Array, given?: Float32Array): Evaluated[] => {
    const count = latents.length / size;
    const images = given ?? context.decode(latents);
    const members = Object.values(context.panel(images).members);
    const priorWeight = Math.sqrt(options.balancePrior * members.length);
    return Array.from({ length: count }, (_, row) => {
      const residuals = new Float64Array(2 * members.length + size);
      members.forEach((p, m) => {
        const pd = p[row * DIGITS + digit] + FLOOR, pp = p[row * DIGITS + partner] + FLOOR;
        residuals[2 * m] = Math.log(pd) - Math.log(pp);
        residuals[2 * m + 1] = -pairWeight * Math.log(pd + pp);
      });
      for (let j = 0; j < size; j++) {
        residuals[2 * members.length + j] = priorWeight *
          (latents[row * size + j] - start[j]) / std[j];
      }
      const image = images.slice(row * IMAGE_PIXELS, (row + 1) * IMAGE_PIXELS);
      return {
        latent: latents.slice(row * size, (row + 1) * size),
        image,
        residuals,
        cost: residuals.reduce((sum, r) => sum + r * r, 0),
        digitLike: isDigitLike(imageFeatures(image), context.ranges, digit, partner),
      };
    });
  };

  let current = evaluate(start, startImage)[0];
  let kept = current;
  if (options.balanceSteps <= 0) return { latent: kept.latent, image: kept.image };
  // jacobian[j][i]: d residual_i / d latent_j.
  const probes = new Float32Array(size * size);
  for (let j = 0; j < size; j++) {
    probes.set(start, j * size);
    probes[j * size + j] += PROBE * std[j];
  }
  const jacobian = evaluate(probes).map((probe, j) =>
    probe.residuals.map((r, i) => (r - current.residuals[i]) / (PROBE * std[j]))
  );
  let damping = 1;
  for (let step = 0; step < options.balanceSteps; step++) {
    const move = dampedStep(jacobian, current.residuals, damping);
    const next = evaluate(Float32Array.from(current.latent, (v, j) => v + move[j]))[0];
    broydenUpdate(jacobian, move, current.residuals, next.residuals);
    if (next.cost < current.cost) {
      current = next;
      damping /= 3;
      if (next.digitLike && (next.cost < kept.cost || !kept.digitLike)) kept = next;
    } else {
      damping *= 10;
    }
  }
  return { latent: kept.latent, image: kept.image };
}

/** Solves (JᵀJ + damping·diag(JᵀJ)) move = -Jᵀr, the Levenberg-Marquardt step. */
function dampedStep(jacobian: Float64Array[], residuals: Float64Array, damping: number): number[] {
  const size = jacobian.length;
  const normal = jacobian.map((a) => jacobian.map((b) => dot(a, b)));
  for (let j = 0; j < size; j++) normal[j][j] += damping * normal[j][j] + 1e-9;
  const gradient = jacobian.map((column) => -dot(column, residuals));
  return invertMatrix(normal).map((row) => dot(row, gradient));
}

/** Broyden's rank-one update: the Jacobian now predicts the change the step made. */
function broydenUpdate(
  jacobian: Float64Array[],
  move: number[],
  before: Float64Array,
  after: Float64Array,
): void {
  const length = dot(move, move);
  if (!(length > 0)) return;
  for (let i = 0; i < before.length; i++) {
    let predicted = 0;
    for (let j = 0; j < move.length; j++) predicted += jacobian[j][i] * move[j];
    const error = (after[i] - before[i] - predicted) / length;
    for (let j = 0; j < move.length; j++) jacobian[j][i] += error * move[j];
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
