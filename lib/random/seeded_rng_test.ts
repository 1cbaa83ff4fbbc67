import {
  deepStrictEqual as assertEquals,
  notDeepStrictEqual,
  ok as assert,
  throws,
} from "node:assert/strict";
import { createRng, MAX_SEED, Rng } from "./seeded_rng.ts";

Deno.test("Rng continues the same sequence after its state is restored", () => {
  const a = new Rng(42);
  a.permutation(100);
  const state = a.getState();
  const expected = [a.next(), a.next(), ...a.permutation(10)];
  const b = new Rng(0);
  b.setState(state);
  assertEquals([b.next(), b.next(), ...b.permutation(10)], expected);
  notDeepStrictEqual(new Rng(1).permutation(20), new Rng(2).permutation(20));
});

Deno.test("Rng.permutation() is a permutation and next() stays in [0, 1)", () => {
  const rng = new Rng(5);
  assertEquals(
    [...rng.permutation(50)].sort((x, y) => x - y),
    Array.from({ length: 50 }, (_, i) => i),
  );
  for (let i = 0; i < 1000; i++) {
    const x = rng.next();
    assert(x >= 0 && x < 1);
  }
  throws(() => rng.setState([1, 2, 3]), { name: "RangeError", message: /four 32-bit/ });
});

Deno.test("createRng() repeats its sequence for the same seed and differs for another", () => {
  const take = (seed: number) => {
    const rng = createRng(seed);
    return Array.from({ length: 20 }, () => rng.next());
  };
  assertEquals(take(7), take(7));
  assert(take(7).some((v, i) => v !== take(8)[i]));
});

Deno.test("createRng() gives floats in [0, 1) and ints in [0, n), roughly uniform", () => {
  const rng = createRng(1);
  const counts = new Array(10).fill(0);
  for (let i = 0; i < 10000; i++) {
    const v = rng.next();
    assert(v >= 0 && v < 1);
    counts[rng.int(10)]++;
  }
  assert(counts.every((c) => c > 850 && c < 1150), `counts ${counts}`);
});

Deno.test("createRng() normal() has mean near 0 and variance near 1", () => {
  const rng = createRng(3);
  const xs = Array.from({ length: 20000 }, () => rng.normal());
  const mean = xs.reduce((a, b) => a + b) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  assert(Math.abs(mean) < 0.03 && Math.abs(variance - 1) < 0.05, `${mean} ${variance}`);
});

Deno.test("createRng() takes seeds 0..2^32-1 only, and int() a positive bound", () => {
  for (const bad of [NaN, -1, MAX_SEED + 1, 0.5]) throws(() => createRng(bad), RangeError);
  createRng(MAX_SEED);
  throws(() => createRng(0).int(0), RangeError);
  throws(() => createRng(0).pick([]), RangeError);
});
