import { deepStrictEqual as assertEquals, ok as assert, throws } from "node:assert/strict";
import { createRng } from "./rng.ts";

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

Deno.test("createRng() rejects a non-finite seed and int() a non-positive bound", () => {
  throws(() => createRng(NaN), TypeError);
  throws(() => createRng(0).int(0), RangeError);
  throws(() => createRng(0).pick([]), RangeError);
});
