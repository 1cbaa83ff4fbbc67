import * as tf from "@tensorflow/tfjs";
import { ok as assert, throws } from "node:assert/strict";
import { buildDecoder, buildEncoder } from "../../lib/model/architecture.ts";
import {
  maxRelativeError,
  randomValues,
  seededRandom,
  seedModelWeights,
} from "../../lib/kernels/conv_test_cases.ts";
import { createFusedNetwork } from "../../lib/kernels/fused_network.ts";
import { mseLoss } from "./mse_loss.ts";
import { planNetwork } from "../../lib/kernels/network_plan.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
import { createWeightSync } from "./weight_sync.ts";

/** tfjs's own loss and the gradient of every trainable weight, keyed by the LayerVariable. */
function tfjsGradients(
  models: tf.LayersModel[],
  lossOf: (out: tf.Tensor) => tf.Scalar,
  input: tf.Tensor,
) {
  const layerVars = models.flatMap((m) => m.trainableWeights);
  const vars = layerVars.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    let x = input;
    for (const m of models) x = m.apply(x) as tf.Tensor;
    return lossOf(x);
  }, vars);
  const byVariable = new Map<tf.LayerVariable, Float32Array>();
  layerVars.forEach((w, i) => byVariable.set(w, grads[vars[i].name].dataSync() as Float32Array));
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return { loss, byVariable };
}

// Eight seeds gave errors up to 2e-6; the tolerance leaves a wide margin.
const SEEDS = [1, 2, 3, 4];
const TOLERANCE = 1e-4;

/** Largest |got - want| relative to the largest |want| of the tensor. */
function errorOfTensor(got: Float32Array, want: Float32Array): number {
  const scale = Math.max(1e-12, ...want.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / scale);
  return worst;
}

function fusedGradients(
  models: tf.LayersModel[],
  input: Float32Array,
  batch: number,
  lossGrad: (y: Float32Array, g: Float32Array) => number,
) {
  const plan = planNetwork(models);
  const params = new Float32Array(plan.paramCount), grads = new Float32Array(plan.paramCount);
  createWeightSync(plan.weights).pull(params, true);
  const net = createFusedNetwork(plan);
  const y = net.forward(params, input, batch);
  const dOut = new Float32Array(y.length);
  const loss = lossGrad(y, dOut);
  net.backward(params, dOut, grads);
  return { loss, plan, grads };
}

for (const latentActivation of ["linear", "relu"] as const) {
  Deno.test(`fused autoencoder (${latentActivation} latent): loss and every weight gradient equal tfjs's variableGrads`, async () => {
    await tf.setBackend("cpu");
    const options = {
      latentActivation,
      outputActivation: latentActivation === "relu" ? "relu" : "sigmoid",
    } as const;
    const encoder = buildEncoder(options), decoder = buildDecoder(options);
    const before = tf.memory().numTensors;
    for (const seed of SEEDS) {
      seedModelWeights([encoder, decoder], seed);
      const rand = seededRandom(100 + seed);
      const batch = 3;
      const x = new Float32Array(batch * 784).map(() => (rand() < 0.6 ? 0 : rand()));
      const input = tf.tensor4d(x, [batch, 28, 28, 1]);
      const want = tfjsGradients(
        [encoder, decoder],
        (out) => tf.losses.meanSquaredError(input, out) as tf.Scalar,
        input,
      );
      input.dispose();
      const got = fusedGradients([encoder, decoder], x, batch, (y, g) => mseLoss(y, x, g));
      assert(
        Math.abs(got.loss - want.loss) < 1e-6 * Math.max(1, want.loss),
        `seed ${seed}: loss ${got.loss} vs ${want.loss}`,
      );
      assert(got.plan.weights.length === 20);
      for (const w of got.plan.weights) {
        const g = got.grads.subarray(w.offset, w.offset + w.size);
        // Float32 sums over thousands of positions, in another order than tfjs's:
        // compare relative to the largest gradient of the tensor.
        const err = errorOfTensor(g, want.byVariable.get(w.variable)!);
        assert(err < TOLERANCE, `seed ${seed}, ${w.name}: error ${err}`);
      }
    }
    assert(tf.memory().numTensors === before);
    encoder.dispose();
    decoder.dispose();
  });
}

Deno.test("fused classifier (conv, maxpool same/valid, dense, softmax): cross-entropy gradients equal tfjs's", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [9, 9, 2],
        filters: 8,
        kernelSize: 3,
        padding: "same",
        activation: "relu",
      }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: "same" }),
      tf.layers.conv2d({ filters: 6, kernelSize: [2, 3], strides: [1, 2], activation: "tanh" }),
      tf.layers.maxPooling2d({ poolSize: 2, padding: "valid" }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0 }),
      tf.layers.dense({ units: 7, activation: "sigmoid" }),
      tf.layers.dense({ units: 4, activation: "softmax" }),
    ],
  });
  seedModelWeights([model], 23);
  const rand = seededRandom(8);
  const batch = 5;
  const x = randomValues(batch * 9 * 9 * 2, rand);
  const labels = [0, 3, 1, 2, 3];
  const before = tf.memory().numTensors;
  const input = tf.tensor4d(x, [batch, 9, 9, 2]);
  const onehot = tf.oneHot(labels, 4);
  const want = tfjsGradients(
    [model],
    (out) => tf.metrics.categoricalCrossentropy(onehot, out).mean() as tf.Scalar,
    input,
  );
  const wantCe = tf.tidy(() =>
    tf.metrics.categoricalCrossentropy(onehot, model.predict(input) as tf.Tensor).mean()
      .dataSync()[0]
  );
  tf.dispose([input, onehot]);
  const got = fusedGradients([model], x, batch, (y, g) => softmaxCrossEntropy(y, labels, 4, g));
  assert(Math.abs(got.loss - wantCe) < 1e-5, `loss ${got.loss} vs ${wantCe}`);
  for (const w of got.plan.weights) {
    const g = got.grads.subarray(w.offset, w.offset + w.size);
    const expected = want.byVariable.get(w.variable)!;
    const scale = Math.max(1e-8, ...expected.map(Math.abs));
    const err = maxRelativeError(g.map((a) => a / scale), expected.map((a: number) => a / scale));
    assert(err < 1e-4, `${w.name}: error ${err}`);
  }
  assert(tf.memory().numTensors === before);
  model.dispose();
});

Deno.test("planNetwork() names the layer it cannot fuse", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [4], units: 3 }), tf.layers.batchNormalization()],
  });
  throws(() => planNetwork([model]), /batch_normalization.*not supported/);
  const reg = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 3, kernelRegularizer: tf.regularizers.l2() }),
    ],
  });
  throws(() => planNetwork([reg]), /kernelRegularizer/);
  model.dispose();
  reg.dispose();
});

Deno.test("fused network: the plain-JS path (simd: false) gives the SIMD path's output and gradients", async () => {
  await tf.setBackend("cpu");
  const encoder = buildEncoder(), decoder = buildDecoder();
  const plan = planNetwork([encoder, decoder]);
  const params = new Float32Array(plan.paramCount);
  createWeightSync(plan.weights).pull(params, true);
  const rand = seededRandom(16);
  const batch = 5;
  const x = new Float32Array(batch * 784).map(() => (rand() < 0.6 ? 0 : rand()));
  const results = [true, false].map((simd) => {
    const net = createFusedNetwork(plan, { simd });
    const y = net.forward(params, x, batch).slice();
    const dOut = new Float32Array(y.length);
    const loss = mseLoss(y, x, dOut);
    const grads = new Float32Array(plan.paramCount);
    net.backward(params, dOut, grads);
    return { y, loss, grads };
  });
  assert(maxRelativeError(results[0].y, results[1].y) < 1e-5);
  assert(Math.abs(results[0].loss - results[1].loss) < 1e-6);
  const scale = Math.max(...results[1].grads.map(Math.abs));
  assert(
    maxRelativeError(
      results[0].grads.map((g) => g / scale),
      results[1].grads.map((g) => g / scale),
    ) <
      1e-4,
  );
  encoder.dispose();
  decoder.dispose();
});
