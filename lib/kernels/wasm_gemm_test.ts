import { ok as assert, throws } from "node:assert/strict";
import { adamUpdate } from "./adam.ts";
import { col2im } from "./col2im.ts";
import {
  maxRelativeError,
  randomConvCases,
  randomValues,
  seededRandom,
} from "./conv_test_cases.ts";
import { im2col } from "./im2col.ts";
import { gemm } from "./gemm.ts";
import { createWasmGemm } from "./wasm_gemm.ts";

Deno.test("WasmGemm.gemm() equals the JS gemm on every block and leftover path, with and without accumulate", () => {
  const w = createWasmGemm();
  const rand = seededRandom(11);
  for (const m of [1, 3, 4, 5, 9]) {
    for (const k of [0, 1, 2, 7, 16]) {
      for (const n of [1, 3, 4, 5, 8, 12, 13, 19]) {
        for (const accumulate of [false, true]) {
          const a = randomValues(m * k, rand), b = randomValues(k * n, rand);
          const want = randomValues(m * n, rand), got = want.slice();
          gemm(a, b, want, m, k, n, accumulate);
          w.gemm(a, b, got, m, k, n, accumulate);
          assert(
            maxRelativeError(got, want) < 1e-5,
            `m=${m} k=${k} n=${n} accumulate=${accumulate}`,
          );
        }
      }
    }
  }
});

Deno.test("WasmGemm works in place on its own buffers and refuses to move them", () => {
  const w = createWasmGemm();
  const rand = seededRandom(12);
  const [a, b, c] = w.alloc([37 * 11, 11 * 10, 37 * 10]);
  a.set(randomValues(a.length, rand));
  b.set(randomValues(b.length, rand));
  const want = new Float32Array(c.length);
  gemm(a, b, want, 37, 11, 10);
  w.gemm(a, b, c, 37, 11, 10);
  assert(maxRelativeError(c, want) < 1e-5);
  // Staging a large outside operand would grow memory and detach a, b, c.
  const big = new Float32Array(4_000_000);
  throws(() => w.gemm(big, b, big.slice(), 400_000, 10, 10), /allocate them with alloc\(\) first/);
  throws(() => w.gemm(a, b, c, 38, 11, 10), RangeError);
});

Deno.test("WasmGemm.gemm() and gemm() with transposeA read A stored as [k, m]", () => {
  const w = createWasmGemm();
  const rand = seededRandom(13);
  for (const [m, k, n] of [[1, 1, 1], [5, 3, 9], [9, 17, 8], [4, 6, 13]]) {
    const at = randomValues(k * m, rand), b = randomValues(k * n, rand);
    const a = new Float32Array(m * k);
    for (let p = 0; p < k; p++) for (let i = 0; i < m; i++) a[i * k + p] = at[p * m + i];
    const want = new Float32Array(m * n),
      js = new Float32Array(m * n),
      simd = new Float32Array(m * n);
    gemm(a, b, want, m, k, n);
    gemm(at, b, js, m, k, n, false, true);
    w.gemm(at, b, simd, m, k, n, false, true);
    assert(maxRelativeError(js, want) < 1e-5, `js m=${m} k=${k} n=${n}`);
    assert(maxRelativeError(simd, want) < 1e-5, `simd m=${m} k=${k} n=${n}`);
  }
});

Deno.test("WasmGemm.im2col() and col2im() equal the JS versions on random geometries", () => {
  const w = createWasmGemm();
  const rand = seededRandom(14);
  for (const c of randomConvCases(120, 60, true)) {
    const g = c.g;
    const xSize = g.batch * g.inHeight * g.inWidth * g.inChannels;
    const colSize = g.batch * g.outHeight * g.outWidth * g.filterHeight * g.filterWidth *
      g.inChannels;
    const [x, cols, back] = w.alloc([xSize, colSize, xSize]);
    x.set(randomValues(xSize, rand));
    cols.fill(NaN); // every entry must be written, padding included
    const want = im2col(x.slice(), g);
    w.im2col(x, g, cols);
    assert(maxRelativeError(cols, want) === 0, `im2col ${JSON.stringify({ ...c, g: undefined })}`);
    cols.set(randomValues(colSize, rand));
    back.fill(NaN);
    const wantBack = col2im(cols.slice(), g);
    w.col2im(cols, g, back);
    assert(
      maxRelativeError(back, wantBack) < 1e-6,
      `col2im ${JSON.stringify({ ...c, g: undefined })}`,
    );
  }
});

Deno.test("WasmGemm bias, activations and their gradients equal plain loops, and decline what they cannot do", () => {
  const w = createWasmGemm();
  const rand = seededRandom(15);
  const activate = {
    linear: (z: number) => z,
    relu: (z: number) => (z < 0 ? 0 : z),
    sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
  };
  for (const channels of [1, 2, 4, 8, 32]) {
    const rows = 36, n = rows * channels;
    const [y, dy] = w.alloc([n, n], 64);
    const bias = randomValues(channels, rand);
    for (const act of ["linear", "relu", "sigmoid"] as const) {
      // Wide inputs, so that the sigmoid's clamping and both tails are exercised.
      y.set(randomValues(n, rand).map((v) => v * (act === "sigmoid" ? 120 : 1)));
      const want = y.map((v, i) => activate[act](Math.fround(v + bias[i % channels])));
      assert(w.biasActivation(y, bias, channels, act));
      const err = maxRelativeError(y, want);
      assert(err <= (act === "sigmoid" ? 1e-6 : 0), `biasActivation c=${channels} ${act}: ${err}`);
      if (act === "linear") continue;
      dy.set(randomValues(n, rand));
      const wantDy = dy.map((g, i) => act === "relu" ? (y[i] > 0 ? g : 0) : g * y[i] * (1 - y[i]));
      assert(w.activationBackward(dy, y, act));
      assert(maxRelativeError(dy, wantDy) < 1e-6, `activationBackward c=${channels} ${act}`);
    }
    const sums = new Float64Array(channels);
    for (let i = 0; i < n; i++) sums[i % channels] += dy[i];
    const got = new Float32Array(channels);
    assert(w.biasGradient(dy, channels, got));
    assert(maxRelativeError(got, sums) < 1e-5, `biasGradient c=${channels}`);
  }
  const outside = new Float32Array(12);
  assert(!w.biasActivation(outside, null, 4, "relu"));
  const [odd] = w.alloc([9], 16);
  assert(!w.biasActivation(odd, null, 3, "relu"));
  assert(!w.biasActivation(odd, null, 1, "tanh"));
  assert(!w.biasGradient(odd, 3, new Float32Array(3)));
});

Deno.test("WasmGemm.adam() follows adamUpdate over several steps", () => {
  const w = createWasmGemm();
  const rand = seededRandom(17);
  const n = 4 * 250;
  const [p, g, m, v] = w.alloc([n, n, n, n]);
  p.set(randomValues(n, rand));
  const js = { p: p.slice(), m: new Float32Array(n), v: new Float32Array(n) };
  for (let step = 1; step <= 5; step++) {
    g.set(randomValues(n, rand));
    assert(w.adam(p, g, m, v, step, { learningRate: 0.01 }));
    adamUpdate(js.p, g, js.m, js.v, step, { learningRate: 0.01 });
  }
  assert(maxRelativeError(p, js.p) < 1e-5);
  assert(maxRelativeError(m, js.m) < 1e-5 && maxRelativeError(v, js.v) < 1e-5);
  assert(
    !w.adam(p.subarray(1), g.subarray(1), m.subarray(1), v.subarray(1), 6, { learningRate: 0.01 }),
  );
});

Deno.test("WasmGemm.maxPool() gives the window maxima and the first argmax, with clipped windows", () => {
  const w = createWasmGemm();
  const rand = seededRandom(18);
  const cases = [
    {
      batch: 2,
      inHeight: 6,
      inWidth: 5,
      channels: 8,
      poolHeight: 2,
      poolWidth: 2,
      strideHeight: 2,
      strideWidth: 2,
      padTop: 0,
      padLeft: 0,
    },
    {
      batch: 1,
      inHeight: 7,
      inWidth: 7,
      channels: 4,
      poolHeight: 3,
      poolWidth: 2,
      strideHeight: 2,
      strideWidth: 1,
      padTop: 1,
      padLeft: 0,
    },
  ];
  for (const c of cases) {
    const outHeight = Math.floor((c.inHeight + 2 * c.padTop - c.poolHeight) / c.strideHeight) + 1;
    const outWidth = Math.floor((c.inWidth + 2 * c.padLeft - c.poolWidth) / c.strideWidth) + 1;
    const p = { ...c, outHeight, outWidth };
    const xSize = c.batch * c.inHeight * c.inWidth * c.channels;
    const ySize = c.batch * outHeight * outWidth * c.channels;
    const [x, y, am] = w.alloc([xSize, ySize, ySize]);
    // Quantised values: ties happen, and the first maximum must win.
    x.set(randomValues(xSize, rand).map((v) => Math.round(v * 3)));
    const argmax = new Int32Array(am.buffer, am.byteOffset, am.length);
    assert(w.maxPool(x, y, argmax, p));
    let o = 0;
    for (let n = 0; n < c.batch; n++) {
      for (let oy = 0; oy < outHeight; oy++) {
        for (let ox = 0; ox < outWidth; ox++) {
          for (let ch = 0; ch < c.channels; ch++, o++) {
            let best = -Infinity, where = -1;
            for (
              let iy = Math.max(0, oy * c.strideHeight - c.padTop);
              iy < Math.min(c.inHeight, oy * c.strideHeight - c.padTop + c.poolHeight);
              iy++
            ) {
              for (
                let ix = Math.max(0, ox * c.strideWidth - c.padLeft);
                ix < Math.min(c.inWidth, ox * c.strideWidth - c.padLeft + c.poolWidth);
                ix++
              ) {
                const i = ((n * c.inHeight + iy) * c.inWidth + ix) * c.channels + ch;
                if (x[i] > best) best = x[i], where = i;
              }
            }
            assert(
              y[o] === best && argmax[o] === where,
              `output ${o}: ${y[o]}@${argmax[o]} vs ${best}@${where}`,
            );
          }
        }
      }
    }
  }
  assert(
    !w.maxPool(new Float32Array(8), new Float32Array(2), new Int32Array(2), {
      ...cases[0],
      outHeight: 1,
      outWidth: 1,
    }),
  );
});
