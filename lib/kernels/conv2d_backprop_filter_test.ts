import * as tf from "@tensorflow/tfjs";
import { ok as assert } from "node:assert/strict";
import { conv2dBackpropFilter } from "./conv2d_backprop_filter.ts";
import {
  maxRelativeError,
  randomConvCases,
  randomValues,
  seededRandom,
} from "./conv_test_cases.ts";

Deno.test("conv2dBackpropFilter() equals the stock cpu Conv2DBackpropFilter on random shapes, strides and paddings", async () => {
  await tf.setBackend("cpu");
  const rand = seededRandom(4);
  const before = tf.memory().numTensors;
  for (const c of randomConvCases(150, 40)) {
    const dyShape = [c.g.batch, c.g.outHeight, c.g.outWidth, c.g.outChannels];
    const x = randomValues(c.xShape.reduce((a, b) => a * b), rand);
    const dy = randomValues(dyShape.reduce((a, b) => a * b), rand);
    const want = tf.tidy(() => {
      const out = tf.engine().runKernel("Conv2DBackpropFilter", {
        x: tf.tensor(x, c.xShape),
        dy: tf.tensor(dy, dyShape),
      }, {
        strides: c.strides,
        pad: c.pad,
        dataFormat: "NHWC",
        filterShape: c.filterShape,
      }) as tf.Tensor;
      return out.dataSync();
    });
    const got = conv2dBackpropFilter(x, dy, c.g);
    assert(maxRelativeError(got, want) < 1e-5, JSON.stringify({ ...c, g: undefined }));
  }
  assert(tf.memory().numTensors === before);
});
