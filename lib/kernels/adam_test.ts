import * as tf from "@tensorflow/tfjs";
import { ok as assert, throws } from "node:assert/strict";
import { adamUpdate } from "./adam.ts";
import { maxRelativeError, randomValues, seededRandom } from "./conv_test_cases.ts";

Deno.test("adamUpdate() follows tf.train.adam over several steps", async () => {
  await tf.setBackend("cpu");
  const rand = seededRandom(31);
  const n = 37;
  const start = randomValues(n, rand);
  const params = start.slice(), m = new Float32Array(n), v = new Float32Array(n);
  const variable = tf.variable(tf.tensor1d(start));
  const optimizer = tf.train.adam(0.01);
  for (let step = 1; step <= 6; step++) {
    const g = randomValues(n, rand);
    adamUpdate(params, g, m, v, step, { learningRate: 0.01 });
    const gt = tf.tensor1d(g);
    optimizer.applyGradients([{ name: variable.name, tensor: gt }]);
    gt.dispose();
  }
  assert(maxRelativeError(params, variable.dataSync()) < 1e-6);
  tf.dispose([variable]);
  optimizer.dispose();
});

Deno.test("adamUpdate() rejects mismatched lengths and a step below 1", () => {
  const a = new Float32Array(3);
  throws(
    () => adamUpdate(a, new Float32Array(2), a, a, 1, { learningRate: 1 }),
    /must all be equal/,
  );
  throws(() => adamUpdate(a, a, a, a, 0, { learningRate: 1 }), /step must be an integer >= 1/);
});
