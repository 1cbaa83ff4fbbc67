import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { buildDecoder } from "../model/architecture.ts";
import { buildHoldout, buildJudge, buildJudgeMlp } from "../model/classifiers.ts";
import { createRng } from "../random/seeded_rng.ts";
import { initBackend, tfjsWasmDir } from "./init_backend.ts";
import { fastForward } from "./fast_forward.ts";

Deno.test("fastForward() matches tfjs on the decoder and every classifier design", async () => {
  await initBackend(tfjsWasmDir(new URL("../../", import.meta.url)));
  const rng = createRng(4);
  const latents = Float32Array.from({ length: 5 * 10 }, () => rng.normal());
  const images = Float32Array.from({ length: 5 * 784 }, () => rng.next());
  const cases: [tf.LayersModel, Float32Array, number[]][] = [
    [buildDecoder(), latents, [5, 10]],
    [buildJudge().model, images, [5, 28, 28, 1]],
    [buildJudgeMlp().model, images, [5, 28, 28, 1]],
    [buildHoldout().model, images, [5, 28, 28, 1]],
  ];
  for (const [model, input, shape] of cases) {
    const pass = fastForward(model);
    assert(pass, `no fast pass for ${model.name}`);
    const expected = tf.tidy(() =>
      (model.predict(tf.tensor(input, shape)) as tf.Tensor).dataSync()
    );
    const before = tf.memory().numTensors;
    const got = pass(input, 5);
    assertEquals(got.length, expected.length);
    const worst = got.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i])), 0);
    assert(worst < 1e-4, `${model.name}: differs by ${worst}`);
    // The buffer handed out is a copy: another call must not change it.
    const copy = got.slice();
    pass(input.map((v) => v * 0.5), 5);
    assertEquals(got, copy);
    assertEquals(tf.memory().numTensors, before);
    model.dispose();
  }
});
