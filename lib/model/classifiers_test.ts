import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { buildHoldout, buildJudge, buildJudgeMlp } from "./classifiers.ts";

Deno.test("the three classifiers map [n,28,28,1] to softmax [n,10] and differ in design", async () => {
  await tf.setBackend("cpu");
  const before = tf.memory().numTensors;
  const classifiers = [buildJudge(), buildJudgeMlp(), buildHoldout()];
  assertEquals(classifiers.map((c) => c.kind), ["cnn", "mlp", "cnn-strided"]);
  const layerKinds = classifiers.map((c) => c.model.layers.map((l) => l.getClassName()).join(","));
  assertEquals(new Set(layerKinds).size, 3);
  assert(layerKinds[0].includes("MaxPooling2D") && !layerKinds[2].includes("MaxPooling2D"));
  assert(!layerKinds[1].includes("Conv2D"));
  for (const { model } of classifiers) {
    const sums = tf.tidy(() => {
      const p = model.predict(tf.randomUniform([3, 28, 28, 1])) as tf.Tensor;
      assertEquals(p.shape, [3, 10]);
      return p.sum(1).arraySync() as number[];
    });
    assert(sums.every((s) => Math.abs(s - 1) < 1e-5));
    model.dispose();
  }
  assertEquals(tf.memory().numTensors, before);
});
