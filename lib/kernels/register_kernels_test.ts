import * as tf from "@tensorflow/tfjs";
import { ok as assert } from "node:assert/strict";
import { initBackend, tfjsWasmDir } from "./init_backend.ts";
import {
  maxRelativeError,
  randomConvCases,
  randomValues,
  seededRandom,
} from "./conv_test_cases.ts";

const projectRoot = new URL("../../", import.meta.url);

/** Gradients of sum(conv(x, w) * r) and sum(convT(x, w) * r) on the current backend. */
function convGradients(
  x: Float32Array,
  w: Float32Array,
  r: Float32Array,
  c: ReturnType<typeof randomConvCases>[number],
  transposed: boolean,
): Float32Array[] {
  return tf.tidy(() => {
    const xt = transposed
      ? tf.tensor4d(x, [c.g.batch, c.g.outHeight, c.g.outWidth, c.g.outChannels])
      : tf.tensor4d(x, c.xShape);
    const wt = tf.tensor4d(w, c.filterShape);
    const outShape = transposed
      ? c.xShape
      : [c.g.batch, c.g.outHeight, c.g.outWidth, c.g.outChannels];
    const rt = tf.tensor(r, outShape);
    const f = (a: tf.Tensor4D, b: tf.Tensor4D) =>
      (transposed
        ? tf.conv2dTranspose(a, b, c.xShape, c.strides, c.pad)
        : tf.conv2d(a, b, c.strides, c.pad)).mul(rt).sum();
    const [dx, dw] = tf.grads(f as (...args: tf.Tensor[]) => tf.Scalar)([xt, wt]);
    return [
      f(xt, wt).dataSync() as Float32Array,
      dx.dataSync() as Float32Array,
      dw.dataSync() as Float32Array,
    ];
  });
}

Deno.test("wasm backend with our kernels: conv2d and conv2dTranspose gradients equal the stock cpu backend's", async () => {
  const rand = seededRandom(5);
  const cases = randomConvCases(40, 50).map((c) => {
    const outSize = c.g.batch * c.g.outHeight * c.g.outWidth * c.g.outChannels;
    const inSize = c.xShape.reduce((a, b) => a * b);
    const w = randomValues(c.filterShape.reduce((a, b) => a * b), rand);
    return {
      c,
      w,
      fwd: [randomValues(inSize, rand), randomValues(outSize, rand)],
      tr: [randomValues(outSize, rand), randomValues(inSize, rand)],
    };
  });
  await tf.setBackend("cpu");
  const want = cases.map((
    { c, w, fwd, tr },
  ) => [convGradients(fwd[0], w, fwd[1], c, false), convGradients(tr[0], w, tr[1], c, true)]);
  assert((await initBackend(tfjsWasmDir(projectRoot))) === "wasm");
  const before = tf.memory().numTensors;
  cases.forEach(({ c, w, fwd, tr }, i) => {
    const got = [
      convGradients(fwd[0], w, fwd[1], c, false),
      convGradients(tr[0], w, tr[1], c, true),
    ];
    for (let t = 0; t < 2; t++) {
      for (let j = 0; j < 3; j++) {
        assert(
          maxRelativeError(got[t][j], want[i][t][j]) < 1e-4,
          `case ${i} ${t ? "transposed" : "conv"} part ${j}: ${
            JSON.stringify({ ...c, g: undefined })
          }`,
        );
      }
    }
  });
  assert(tf.memory().numTensors === before);
});

Deno.test("wasm backend with our kernels: explicit padding after a 'same' convolution gives the cpu values", async () => {
  const rand = seededRandom(6);
  const x = randomValues(2 * 14 * 7, rand), w = randomValues(2 * 5, rand);
  const run = () =>
    (["same", 1, "valid", 1] as const).map((pad) =>
      tf.tidy(() =>
        tf.conv2d(tf.tensor4d(x, [2, 14, 7, 1]), tf.tensor4d(w, [1, 2, 1, 5]), 1, pad).dataSync()
      )
    );
  await tf.setBackend("cpu");
  const want = run();
  await initBackend(tfjsWasmDir(projectRoot));
  const got = run();
  want.forEach((v, i) => assert(maxRelativeError(got[i], v) < 1e-5, `convolution ${i}`));
});
