import { deepEqual, ok, throws } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildDecoder, buildEncoder } from "../model/architecture.ts";
import { buildHoldout, buildJudge, buildJudgeMlp } from "../model/classifiers.ts";
import { createFixtureModels, disposeModels } from "../muddle/testing.ts";
import { layersModelToFiles } from "../artifacts/layers_model_bytes.ts";
import { forwardFromLayersFiles } from "./layers_forward.ts";
import { planNetwork } from "./network_plan.ts";
import { planLayersJson } from "./layers_json_plan.ts";

function models(): tf.LayersModel[] {
  const fixture = createFixtureModels(2);
  return [
    buildEncoder(),
    buildDecoder(),
    buildJudge().model,
    buildJudgeMlp().model,
    buildHoldout().model,
    fixture.decoder,
    ...Object.values(fixture.judges),
  ];
}

Deno.test("planLayersJson() reads model.json into the plan planNetwork builds from the live model", async () => {
  for (const model of models()) {
    const files = await layersModelToFiles(model);
    const json = JSON.parse(new TextDecoder().decode(files.modelJson));
    const fromJson = planLayersJson(json.modelTopology, json.weightsManifest[0].weights, "m.json");
    const live = planNetwork([model]);
    const strip = (plan: typeof live) =>
      JSON.parse(JSON.stringify(plan, (k, v) => k === "variable" ? undefined : v));
    deepEqual(strip(fromJson as typeof live), strip(live), model.name);
    model.dispose();
  }
});

Deno.test("forwardFromLayersFiles() matches tfjs's predict on every architecture, with no tensors left", async () => {
  for (const model of models()) {
    const files = await layersModelToFiles(model);
    const before = tf.memory().numTensors;
    const pass = forwardFromLayersFiles(files, `${model.name}/model.json`);
    deepEqual(tf.memory().numTensors, before, "the pass holds no tensors");
    const inShape = (model.inputs[0].shape as number[]).slice(1);
    const n = 3;
    const input = Float32Array.from(
      { length: n * inShape.reduce((a, b) => a * b, 1) },
      (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5,
    );
    const expected = tf.tidy(() =>
      (model.predict(tf.tensor(input, [n, ...inShape])) as tf.Tensor).dataSync()
    );
    const got = pass(input, n);
    deepEqual(got.length, expected.length);
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
    ok(worst < 1e-4, `${model.name}: largest difference ${worst}`);
    model.dispose();
  }
});

Deno.test("forwardFromLayersFiles() names the file when weights.bin or the topology are wrong", async () => {
  const fixture = createFixtureModels(2);
  const files = await layersModelToFiles(fixture.decoder);
  throws(
    () =>
      forwardFromLayersFiles({ ...files, weights: files.weights.slice(4) }, "decoder/model.json"),
    /decoder\/model\.json: weights\.bin has/,
  );
  const json = JSON.parse(new TextDecoder().decode(files.modelJson));
  json.modelTopology.config.layers[0].class_name = "LSTM";
  throws(
    () =>
      forwardFromLayersFiles(
        { ...files, modelJson: new TextEncoder().encode(JSON.stringify(json)) },
        "decoder/model.json",
      ),
    /decoder\/model\.json: layer .* \(LSTM\) is not supported/,
  );
  disposeModels(fixture);
});
