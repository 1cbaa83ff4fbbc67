/**
 * The next multiple of `step` from t in `direction`, clamped to [0, 1], so
 * arrow keys land on round values even after a drag left t between them.
 */
export function stepT(t: number, step: number, direction: 1 | -1): number {
  const units = t / step;
  const next = direction > 0 ? Math.floor(units + 1e-6) + 1 : Math.ceil(units - 1e-6) - 1;
  return Math.min(1, Math.max(0, Math.round(next * step * 1e6) / 1e6));
}
