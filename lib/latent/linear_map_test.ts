import { ok as assert, throws } from "node:assert/strict";
import { fitLinearMap2 } from "./linear_map.ts";
import { fitPca2, projectPca2 } from "./pca.ts";

/** Deterministic pseudo-random values in [-1, 1). */
const values = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin((i + 1) * 12.9898 + seed * 78.233) % 1);

Deno.test("fitLinearMap2() recovers a PCA projection exactly, for points it never saw", () => {
  const data = values(300 * 5, 1);
  const pca = fitPca2(data, 5);
  const map = fitLinearMap2(data, projectPca2(data, 5, pca), 5);
  const fresh = values(20 * 5, 2);
  const want = projectPca2(fresh, 5, pca);
  const got = map.apply(fresh);
  for (let i = 0; i < want.length; i++) {
    assert(Math.abs(got[i] - want[i]) < 1e-4, `value ${i}: ${got[i]} vs ${want[i]}`);
  }
});

Deno.test("fitLinearMap2() copes with a constant dimension and refuses too few rows", () => {
  const data = values(50 * 3, 3);
  for (let i = 0; i < 50; i++) data[i * 3 + 2] = 0.5;
  const coords = Float32Array.from({ length: 100 }, (_, i) => data[(i >> 1) * 3 + (i & 1)] * 2);
  const got = fitLinearMap2(data, coords, 3).apply(Float32Array.from([0.25, -0.5, 0.5]));
  assert(Math.abs(got[0] - 0.5) < 1e-4 && Math.abs(got[1] + 1) < 1e-4, `${got}`);
  throws(() => fitLinearMap2(new Float32Array(9), new Float32Array(6), 3), { name: "RangeError" });
});
