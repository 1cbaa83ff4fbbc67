import { createRng } from "../random/seeded_rng.ts";

/**
 * `count` distinct items of `pool` drawn uniformly at random with `seed`
 * (a partial Fisher-Yates shuffle), in the order drawn. Throws a RangeError
 * when the pool holds fewer than `count`.
 */
export function drawDistinct(pool: readonly number[], count: number, seed: number): number[] {
  if (!Number.isInteger(count) || count < 0 || count > pool.length) {
    throw new RangeError(
      `cannot draw ${count} distinct inputs from ${pool.length}; expected 0..${pool.length}`,
    );
  }
  const rng = createRng(seed);
  const items = [...pool];
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(items.length - i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items.slice(0, count);
}
