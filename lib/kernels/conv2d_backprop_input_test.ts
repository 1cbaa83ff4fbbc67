import * as tf from "@tensorflow/tfjs";
import { ok as assert } from "node:assert/strict";
import { conv2dBackpropInput } from "./conv2d_backprop_input.ts";
import {
  maxRelativeError,
  randomConvCases,
  randomValues,
  seededRandom,
} from "./conv_test_cases.ts";

Deno.test("conv2dBackpropInput() equals the stock cpu Conv2DBackpropInput on random shapes, strides and paddings", async () => {
  await tf.setBackend("cpu");
  const rand = seededRandom(3);
  const before = tf.memory().numTensors;
  for (const c of randomConvCases(150, 30)) {
    const dyShape = [c.g.batch, c.g.outHeight, c.g.outWidth, c.g.outChannels];
    const dy = randomValues(dyShape.reduce((a, b) => a * b), rand);
    const w = randomValues(c.filterShape.reduce((a, b) => a * b), rand);
    const want = tf.tidy(() => {
      const out = tf.engine().runKernel("Conv2DBackpropInput", {
        dy: tf.tensor(dy, dyShape),
        filter: tf.tensor(w, c.filterShape),
      }, { strides: c.strides, pad: c.pad, dataFormat: "NHWC", inputShape: c.xShape }) as tf.Tensor;
      return out.dataSync();
    });
    const got = conv2dBackpropInput(dy, w, c.g);
    assert(maxRelativeError(got, want) < 1e-5, JSON.stringify({ ...c, g: undefined }));
  }
  assert(tf.memory().numTensors === before);
});
