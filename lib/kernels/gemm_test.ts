import { ok as assert, throws as assertThrows } from "node:assert/strict";
import { gemm } from "./gemm.ts";
import { maxRelativeError, randomValues, seededRandom } from "./conv_test_cases.ts";

function naive(a: Float32Array, b: Float32Array, m: number, k: number, n: number) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

Deno.test("gemm() matches a naive product on every edge case of the 4x4 blocking", () => {
  const rand = seededRandom(1);
  for (const m of [1, 3, 4, 5, 9]) {
    for (const k of [1, 2, 7, 16]) {
      for (const n of [1, 3, 4, 6, 8, 11]) {
        const a = randomValues(m * k, rand), b = randomValues(k * n, rand);
        const c = new Float32Array(m * n);
        gemm(a, b, c, m, k, n);
        const want = naive(a, b, m, k, n);
        assert(maxRelativeError(c, want) < 1e-5, `m=${m} k=${k} n=${n}`);
        gemm(a, b, c, m, k, n, true);
        assert(
          maxRelativeError(c, want.map((v) => 2 * v)) < 1e-5,
          `accumulate m=${m} k=${k} n=${n}`,
        );
      }
    }
  }
});

Deno.test("gemm() rejects arrays too short for the shapes", () => {
  assertThrows(
    () => gemm(new Float32Array(3), new Float32Array(4), new Float32Array(4), 2, 2, 2),
    RangeError,
  );
});
