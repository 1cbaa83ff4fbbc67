/**
 * Points on the straight path from `from` (t = 0) to `to` (t = 1), one per
 * entry of `ts`, packed as [ts.length * latentSize].
 */
export function interpolate(
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  ts: ArrayLike<number>,
): Float32Array {
  if (from.length !== to.length) {
    throw new RangeError(`path ends differ in length: ${from.length} and ${to.length}`);
  }
  const size = from.length;
  const out = new Float32Array(ts.length * size);
  for (let s = 0; s < ts.length; s++) {
    const t = ts[s];
    for (let i = 0; i < size; i++) out[s * size + i] = from[i] + t * (to[i] - from[i]);
  }
  return out;
}

/** `steps` evenly spaced values from `start` to `end` inclusive (steps >= 2), or [start]. */
export function linspace(start: number, end: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`steps must be a positive integer, got ${steps}`);
  }
  if (steps === 1) return [start];
  return Array.from({ length: steps }, (_, i) => start + (end - start) * i / (steps - 1));
}
