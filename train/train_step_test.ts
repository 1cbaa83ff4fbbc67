import * as tf from "@tensorflow/tfjs";
import { deepEqual, ok as assert, throws } from "node:assert/strict";
import { buildDecoder, buildEncoder } from "../lib/model/architecture.ts";
import {
  maxRelativeError,
  seededRandom,
  seedModelWeights,
} from "../lib/kernels/conv_test_cases.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";
import { createAutoencoderTrainer } from "./train_step.ts";

function batchOf(n: number, seed: number): tf.Tensor4D {
  const rand = seededRandom(seed);
  return tf.tensor4d(new Float32Array(n * 784).map(() => (rand() < 0.7 ? 0 : rand())), [
    n,
    28,
    28,
    1,
  ]);
}

function weightsOf(models: tf.LayersModel[]): Float32Array[] {
  return models.flatMap((m) => m.getWeights().map((w) => w.dataSync() as Float32Array));
}

function twins() {
  const e1 = buildEncoder(), d1 = buildDecoder(), e2 = buildEncoder(), d2 = buildDecoder();
  seedModelWeights([e1, d1], 21);
  e2.setWeights(e1.getWeights());
  d2.setWeights(d1.getWeights());
  return { e1, d1, e2, d2 };
}

Deno.test("fused trainer: losses and weights after 4 steps equal tfjs's own layers + Adam training", async () => {
  await tf.setBackend("cpu");
  const { e1, d1, e2, d2 } = twins();
  const fused = createAutoencoderTrainer(e1, d1, { learningRate: 1e-3 });
  const layers = createAutoencoderTrainer(e2, d2, { learningRate: 1e-3, kind: "layers" });
  for (let i = 0; i < 4; i++) {
    const x = batchOf(2, 10 + i);
    const a = fused.step(x), b = layers.step(x);
    assert(Math.abs(a - b) < 1e-5, `step ${i}: loss ${a} vs ${b}`);
    x.dispose();
  }
  const w1 = weightsOf([e1, d1]), w2 = weightsOf([e2, d2]);
  assert(w1.length === 20);
  // Adam moves every weight by about the learning rate per step whatever the gradient's
  // size, so float32 noise on a near-zero gradient can show at 1e-4; a wrong gradient is 1e-3.
  w1.forEach((w, i) => assert(maxRelativeError(w, w2[i]) < 3e-4, `weight ${i}`));
  fused.dispose();
  layers.dispose();
  [e1, d1, e2, d2].forEach((m) => m.dispose());
});

Deno.test("fused trainer: a step leaves tf.memory().numTensors unchanged", async () => {
  await tf.setBackend("cpu");
  const e = buildEncoder(), d = buildDecoder();
  const t = createAutoencoderTrainer(e, d, { learningRate: 1e-3 });
  const x = batchOf(4, 50);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) t.step(x);
  assert(tf.memory().numTensors === before);
  x.dispose();
  t.dispose();
  e.dispose();
  d.dispose();
});

Deno.test("fused trainer: optimizer state round-trips, so a resumed run continues exactly", async () => {
  await tf.setBackend("cpu");
  const { e1, d1, e2, d2 } = twins();
  const a = createAutoencoderTrainer(e1, d1, { learningRate: 1e-3 });
  for (let i = 0; i < 2; i++) {
    const x = batchOf(3, 30 + i);
    a.step(x);
    x.dispose();
  }
  const state = a.getOptimizerState();
  assert(state.step === 2);
  assert(state.slots.length === 40);
  deepEqual(state.slots.slice(0, 2).map((s) => s.name), [
    "enc_conv1/kernel/m",
    "enc_conv1/kernel/v",
  ]);
  // A second trainer on models given the same weights from outside, with the saved state.
  e2.setWeights(e1.getWeights());
  d2.setWeights(d1.getWeights());
  const b = createAutoencoderTrainer(e2, d2, { learningRate: 1e-3 });
  b.setOptimizerState(state);
  const x = batchOf(3, 40);
  const la = a.step(x), lb = b.step(x);
  x.dispose();
  assert(la === lb, `loss ${la} vs ${lb}`);
  const wa = weightsOf([e1, d1]), wb = weightsOf([e2, d2]);
  wa.forEach((w, i) => deepEqual(w, wb[i]));
  throws(
    () => b.setOptimizerState({ step: 1, slots: state.slots.slice(1) }),
    /39 slots, expected 40/,
  );
  [e1, d1, e2, d2].forEach((m) => m.dispose());
});

Deno.test("fused trainer: rejects images of the wrong shape with a clear message", async () => {
  await tf.setBackend("cpu");
  const e = buildEncoder(), d = buildDecoder();
  const t = createAutoencoderTrainer(e, d, { learningRate: 1e-3 });
  const bad = tf.zeros([2, 28, 28]) as unknown as tf.Tensor4D;
  throws(() => t.step(bad), /images must be \[batch, 28,28,1\], got \[2,28,28\]/);
  bad.dispose();
  throws(() => createAutoencoderTrainer(e, d, { learningRate: 0 }), RangeError);
  e.dispose();
  d.dispose();
});

Deno.test("fused trainer: the models hold the new weights after each step, and a clone taken before keeps the old ones", async () => {
  for (const backend of ["cpu", "wasm"]) {
    if (backend === "wasm") await initBackend(tfjsWasmDir(new URL("../", import.meta.url)));
    else await tf.setBackend("cpu");
    const e = buildEncoder(), d = buildDecoder();
    const t = createAutoencoderTrainer(e, d, { learningRate: 1e-2 });
    const kernel = e.getWeights()[0];
    const before = kernel.dataSync().slice();
    const clone = tf.clone(kernel);
    const x = batchOf(2, 60);
    t.step(x);
    const after = e.getWeights()[0].dataSync();
    assert(maxRelativeError(after, before) > 1e-4, `${backend}: weights did not change`);
    deepEqual(clone.dataSync(), before, `${backend}: the clone changed`);
    // The trainer's next step starts from what the model holds.
    const state = t.getOptimizerState();
    assert(state.step === 1);
    tf.dispose([x, clone]);
    e.dispose();
    d.dispose();
  }
});

Deno.test("fused trainer on wasm: predict() after more steps uses the new weights (no stale XNNPACK cache)", async () => {
  await initBackend(tfjsWasmDir(new URL("../", import.meta.url)));
  const e = buildEncoder(), d = buildDecoder();
  seedModelWeights([e, d], 24);
  const t = createAutoencoderTrainer(e, d, { learningRate: 1e-2 });
  const x = batchOf(4, 70);
  const reconstruct = (enc: tf.LayersModel, dec: tf.LayersModel) =>
    tf.tidy(() => (dec.predict(enc.predict(x) as tf.Tensor) as tf.Tensor).dataSync());
  for (let i = 0; i < 3; i++) {
    t.step(x);
    const got = reconstruct(e, d);
    // Fresh models given the same weights have nothing cached.
    const fe = buildEncoder(), fd = buildDecoder();
    fe.setWeights(e.getWeights());
    fd.setWeights(d.getWeights());
    const want = reconstruct(fe, fd);
    fe.dispose();
    fd.dispose();
    assert(maxRelativeError(got, want) < 1e-5, `step ${i + 1}: predict() used stale weights`);
  }
  x.dispose();
  e.dispose();
  d.dispose();
});
