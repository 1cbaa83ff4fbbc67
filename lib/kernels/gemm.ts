/**
 * Dense matrix product C = A·B (or C += A·B) on row-major Float32Arrays:
 * A is [m, k], B is [k, n], C is [m, n]. Every convolution and dense layer
 * of the trainer reduces to this call, so it is the one loop worth tuning.
 *
 * A 4x4 block of C is kept in 16 local accumulators while k runs, so each
 * value loaded from A or B is used four times (V8 keeps the locals in
 * registers); edges fall back to narrower loops. With `transposeA`, A is
 * stored as [k, m] and the product is Aᵀ·B.
 */
export function gemm(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
  accumulate = false,
  transposeA = false,
): void {
  if (transposeA) {
    // A is stored [k, m]: the plain-JS fallback simply transposes it first.
    const t = new Float32Array(m * k);
    for (let p = 0; p < k; p++) for (let i = 0; i < m; i++) t[i * k + p] = a[p * m + i];
    return gemm(t, b, c, m, k, n, accumulate);
  }
  if (a.length < m * k || b.length < k * n || c.length < m * n) {
    throw new RangeError(
      `gemm: arrays too short for [${m}x${k}]·[${k}x${n}]: a=${a.length}, b=${b.length}, c=${c.length}`,
    );
  }
  const m4 = m - (m & 3);
  const n4 = n - (n & 3);
  for (let i = 0; i < m4; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, q = j; p < k; p++, q += n) {
        const b0 = b[q], b1 = b[q + 1], b2 = b[q + 2], b3 = b[q + 3];
        const a0 = a[r0 + p], a1 = a[r1 + p], a2 = a[r2 + p], a3 = a[r3 + p];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      const o0 = i * n + j, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
      if (accumulate) {
        c[o0] += c00, c[o0 + 1] += c01, c[o0 + 2] += c02, c[o0 + 3] += c03;
        c[o1] += c10, c[o1 + 1] += c11, c[o1 + 2] += c12, c[o1 + 3] += c13;
        c[o2] += c20, c[o2 + 1] += c21, c[o2 + 2] += c22, c[o2 + 3] += c23;
        c[o3] += c30, c[o3 + 1] += c31, c[o3 + 2] += c32, c[o3 + 3] += c33;
      } else {
        c[o0] = c00, c[o0 + 1] = c01, c[o0 + 2] = c02, c[o0 + 3] = c03;
        c[o1] = c10, c[o1 + 1] = c11, c[o1 + 2] = c12, c[o1 + 3] = c13;
        c[o2] = c20, c[o2 + 1] = c21, c[o2 + 2] = c22, c[o2 + 3] = c23;
        c[o3] = c30, c[o3 + 1] = c31, c[o3 + 2] = c32, c[o3 + 3] = c33;
      }
    }
    // Leftover columns: four rows at a time still.
    for (let j = n4; j < n; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, q = j; p < k; p++, q += n) {
        const bv = b[q];
        s0 += a[r0 + p] * bv;
        s1 += a[r1 + p] * bv;
        s2 += a[r2 + p] * bv;
        s3 += a[r3 + p] * bv;
      }
      const o = i * n + j;
      if (accumulate) {
        c[o] += s0, c[o + n] += s1, c[o + 2 * n] += s2, c[o + 3 * n] += s3;
      } else {
        c[o] = s0, c[o + n] = s1, c[o + 2 * n] = s2, c[o + 3 * n] = s3;
      }
    }
  }
  // Leftover rows: one row, four columns at a time.
  for (let i = m4; i < m; i++) {
    const r = i * k;
    for (let j = 0; j < n4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0, q = j; p < k; p++, q += n) {
        const av = a[r + p];
        s0 += av * b[q];
        s1 += av * b[q + 1];
        s2 += av * b[q + 2];
        s3 += av * b[q + 3];
      }
      const o = i * n + j;
      if (accumulate) c[o] += s0, c[o + 1] += s1, c[o + 2] += s2, c[o + 3] += s3;
      else c[o] = s0, c[o + 1] = s1, c[o + 2] = s2, c[o + 3] = s3;
    }
    for (let j = n4; j < n; j++) {
      let s = 0;
      for (let p = 0, q = j; p < k; p++, q += n) s += a[r + p] * b[q];
      if (accumulate) c[i * n + j] += s;
      else c[i * n + j] = s;
    }
  }
}
