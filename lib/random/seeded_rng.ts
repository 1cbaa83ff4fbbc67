/** The largest seed: seeds are integers 0..2^32-1 across the CLI, the API, the engine and training. */
export const MAX_SEED = 0xffff_ffff;

/**
 * The project's one seeded random number generator (sfc32). Its whole state
 * is four 32-bit words, so a checkpoint can store it and a resumed run
 * shuffles exactly as an unbroken one; the engine, training, UMAP and the
 * tests all draw from it.
 */
export class Rng {
  #s: Uint32Array;

  /** Seeds the state from `seed` (an integer 0..2^32-1), discarding the first outputs. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
    }
    this.#s = new Uint32Array([0x9E3779B9, 0x243F6A88, 0xB7E15162, seed]);
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const s = this.#s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
    s[2] = (s[2] + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(`int(n) needs a positive integer n, got ${n}`);
    }
    return Math.floor(this.next() * n);
  }

  /** A value from a non-empty array. */
  pick<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new RangeError("pick() needs a non-empty array");
    return items[this.int(items.length)];
  }

  /** A standard normal sample (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }

  /** The state, for a checkpoint. */
  getState(): number[] {
    return Array.from(this.#s);
  }

  /** Restores a state from getState(). */
  setState(state: readonly number[]): void {
    if (state.length !== 4 || state.some((x) => !Number.isInteger(x) || x < 0 || x > 0xFFFFFFFF)) {
      throw new RangeError(`Rng: state must be four 32-bit unsigned integers, got [${state}]`);
    }
    this.#s = new Uint32Array(state);
  }
}

/** A generator for `seed` (an integer 0..2^32-1); the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}
