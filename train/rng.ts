/**
 * Seeded random numbers whose whole state is four 32-bit words (sfc32), so a
 * checkpoint can store it and a resumed run shuffles exactly as an unbroken one.
 */
export class Rng {
  #s: Uint32Array;

  /** Seeds the state from `seed` (any 32-bit integer), discarding the first outputs. */
  constructor(seed: number) {
    this.#s = new Uint32Array([0x9E3779B9, 0x243F6A88, 0xB7E15162, seed >>> 0]);
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
      throw new RangeError(`rng.ts: state must be four 32-bit unsigned integers, got [${state}]`);
    }
    this.#s = new Uint32Array(state);
  }
}
