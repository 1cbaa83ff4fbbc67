import * as tf from "@tensorflow/tfjs";
import { ok as assert } from "node:assert/strict";
import { conv2dForward } from "./conv2d.ts";
import {
  maxRelativeError,
  randomConvCases,
  randomValues,
  seededRandom,
} from "./conv_test_cases.ts";

Deno.test("conv2dForward() equals the stock cpu Conv2D on random shapes, strides, paddings and dilations", async () => {
  await tf.setBackend("cpu");
  const rand = seededRandom(2);
  const before = tf.memory().numTensors;
  for (const c of randomConvCases(150, 20, true)) {
    const x = randomValues(c.xShape.reduce((a, b) => a * b), rand);
    const w = randomValues(c.filterShape.reduce((a, b) => a * b), rand);
    const want = tf.tidy(() =>
      tf.conv2d(
        tf.tensor4d(x, c.xShape),
        tf.tensor4d(w, c.filterShape),
        c.strides,
        c.pad,
        "NHWC",
        c.dilations,
      )
        .dataSync()
    );
    const got = conv2dForward(x, w, c.g);
    assert(maxRelativeError(got, want) < 1e-5, JSON.stringify({ ...c, g: undefined }));
  }
  assert(tf.memory().numTensors === before);
});
