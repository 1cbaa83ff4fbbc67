import * as tf from "@tensorflow/tfjs";
import { ok as assert, throws } from "node:assert/strict";
import { createClassifierTrainer } from "./classifier_step.ts";
import {
  maxRelativeError,
  randomValues,
  seededRandom,
  seedModelWeights,
} from "../lib/kernels/conv_test_cases.ts";

/** A judge-like CNN: conv, max pooling, dense, and a separate softmax layer. */
function smallCnn(): tf.LayersModel {
  const input = tf.input({ shape: [12, 12, 1] });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "same", activation: "relu" })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({
    filters: 6,
    kernelSize: 3,
    strides: 2,
    padding: "same",
    activation: "relu",
  })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 8, activation: "relu" }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 5 }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.activation({ activation: "softmax" }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

Deno.test("createClassifierTrainer(): losses and weights after 3 steps equal tfjs's cross-entropy + Adam", async () => {
  await tf.setBackend("cpu");
  const a = smallCnn(), b = smallCnn();
  seedModelWeights([a], 22);
  b.setWeights(a.getWeights());
  const trainer = createClassifierTrainer(a, { learningRate: 1e-3 });
  const optimizer = tf.train.adam(1e-3);
  const rand = seededRandom(9);
  for (let i = 0; i < 3; i++) {
    const labels = [0, 4, 2, 1, 3, 4];
    const x = tf.tensor4d(randomValues(6 * 144, rand), [6, 12, 12, 1]);
    const before = tf.memory().numTensors;
    const got = trainer.step(x, labels);
    assert(tf.memory().numTensors === before, "the fused step leaks tensors");
    const onehot = tf.oneHot(labels, 5);
    const want = optimizer.minimize(
      () => tf.metrics.categoricalCrossentropy(onehot, b.apply(x) as tf.Tensor).mean() as tf.Scalar,
      true,
    )!;
    assert(Math.abs(got - want.dataSync()[0]) < 1e-5, `step ${i}: ${got} vs ${want.dataSync()[0]}`);
    tf.dispose([x, onehot, want]);
  }
  const wa = a.getWeights().map((w) => w.dataSync()), wb = b.getWeights().map((w) => w.dataSync());
  // As in train_step_test.ts: Adam's steps are about the learning rate whatever the gradient.
  wa.forEach((w, i) => assert(maxRelativeError(w, wb[i]) < 3e-4, `weight ${i}`));
  optimizer.dispose();
  a.dispose();
  b.dispose();
});

Deno.test("createClassifierTrainer() refuses a model without softmax and mismatched labels", async () => {
  await tf.setBackend("cpu");
  const plain = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
  throws(() => createClassifierTrainer(plain, { learningRate: 1e-3 }), /must end in softmax/);
  const model = smallCnn();
  const trainer = createClassifierTrainer(model, { learningRate: 1e-3 });
  const x = tf.zeros([2, 12, 12, 1]);
  throws(() => trainer.step(x, [1]), /2 images but 1 labels/);
  throws(() => trainer.step(x, [1, 7]), /label 1 is 7/);
  x.dispose();
  plain.dispose();
  model.dispose();
});
