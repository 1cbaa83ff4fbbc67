import * as tf from "@tensorflow/tfjs";
import { ok as assert, throws } from "node:assert/strict";
import { maxRelativeError, randomValues, seededRandom } from "../../lib/kernels/conv_test_cases.ts";
import { mseLoss } from "./mse_loss.ts";

Deno.test("mseLoss() and its gradient equal tf.losses.meanSquaredError and tf.grad", async () => {
  await tf.setBackend("cpu");
  const rand = seededRandom(32);
  const y = randomValues(50, rand), t = randomValues(50, rand);
  const grad = new Float32Array(50);
  const loss = mseLoss(y, t, grad);
  const [want, wantGrad] = tf.tidy(() => {
    const target = tf.tensor1d(t);
    const f = (p: tf.Tensor) => tf.losses.meanSquaredError(target, p) as tf.Scalar;
    return [f(tf.tensor1d(y)).dataSync()[0], tf.grad(f)(tf.tensor1d(y)).dataSync()];
  });
  assert(Math.abs(loss - want) < 1e-6);
  assert(maxRelativeError(grad, wantGrad) < 1e-6);
  throws(() => mseLoss(y, t.subarray(1)), /target 49/);
});
