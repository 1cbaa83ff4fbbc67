import * as tf from "@tensorflow/tfjs";
import { deepEqual, ok as assert } from "node:assert/strict";
import { planNetwork } from "../../lib/kernels/network_plan.ts";
import { createWeightSync } from "./weight_sync.ts";

Deno.test("createWeightSync(): push writes the model's weights, pull re-reads only after setWeights", async () => {
  await tf.setBackend("cpu");
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
  const plan = planNetwork([model]);
  const sync = createWeightSync(plan.weights);
  const params = new Float32Array(plan.paramCount);
  assert(sync.pull(params, true));
  const before = tf.memory().numTensors;
  params.set([1, 2, 3, 4, 5, 6, 7, 8]);
  sync.push(params);
  assert(tf.memory().numTensors === before);
  deepEqual(Array.from(model.getWeights()[0].dataSync()), [1, 2, 3, 4, 5, 6]);
  deepEqual(Array.from(model.getWeights()[1].dataSync()), [7, 8]);
  assert(!sync.pull(params), "nothing changed outside: no re-read");
  const kernel = tf.tensor2d([9, 9, 9, 9, 9, 9], [3, 2]), bias = tf.tensor1d([0, 0]);
  model.setWeights([kernel, bias]);
  tf.dispose([kernel, bias]);
  assert(sync.pull(params));
  deepEqual(Array.from(params), [9, 9, 9, 9, 9, 9, 0, 0]);
  model.dispose();
});
