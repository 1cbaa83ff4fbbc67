import {
  deepStrictEqual as assertEquals,
  notDeepStrictEqual,
  ok as assert,
  throws,
} from "node:assert/strict";
import { Rng } from "./rng.ts";

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
