/** A seeded source of random numbers; the same seed always gives the same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A value from a non-empty array. */
  pick<T>(items: ArrayLike<T>): T;
  /** A standard normal sample (Box-Muller). */
  normal(): number;
}

/**
 * Creates a small, fast, seeded generator (32-bit state stepped by a Weyl
 * sequence, then mixed), so every method is reproducible in Deno and in the
 * browser without relying on Math.random.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) {
    throw new TypeError(`seed must be a finite number, got ${seed}`);
  }
  // Fold the seed (possibly negative or above 2^32) into 32 bits.
  let state = (Math.floor(seed) ^ Math.floor(seed / 0x100000000) ^ 0x5bd1e995) >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 0x100000000;
  };
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(`int(n) needs a positive integer n, got ${n}`);
    }
    return Math.floor(next() * n);
  };
  return {
    next,
    int,
    pick<T>(items: ArrayLike<T>): T {
      if (items.length === 0) throw new RangeError("pick() needs a non-empty array");
      return items[int(items.length)];
    },
    normal(): number {
      // 1 - next() is in (0, 1], so the log is finite.
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
