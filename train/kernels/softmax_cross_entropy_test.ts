import * as tf from "@tensorflow/tfjs";
import { ok as assert, throws } from "node:assert/strict";
import { maxRelativeError, randomValues, seededRandom } from "../../lib/kernels/conv_test_cases.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";

Deno.test("softmaxCrossEntropy() equals tfjs's categoricalCrossentropy and its logit gradient", async () => {
  await tf.setBackend("cpu");
  const rand = seededRandom(33);
  const batch = 6, classes = 5;
  const logits = randomValues(batch * classes, rand).map((v) => 3 * v);
  const labels = [0, 4, 2, 2, 1, 3];
  const [probabilities, want, wantGrad] = tf.tidy(() => {
    const onehot = tf.oneHot(labels, classes);
    const f = (z: tf.Tensor) =>
      tf.metrics.categoricalCrossentropy(onehot, tf.softmax(z)).mean() as tf.Scalar;
    const z = tf.tensor2d(logits, [batch, classes]);
    return [tf.softmax(z).dataSync(), f(z).dataSync()[0], tf.grad(f)(z).dataSync()];
  });
  const grad = new Float32Array(batch * classes);
  const loss = softmaxCrossEntropy(probabilities as Float32Array, labels, classes, grad);
  assert(Math.abs(loss - want) < 1e-5);
  assert(maxRelativeError(grad, wantGrad) < 1e-5);
  throws(
    () => softmaxCrossEntropy(probabilities as Float32Array, [0, 1, 2, 3, 4, 5], 5),
    /label 5 is 5/,
  );
});
