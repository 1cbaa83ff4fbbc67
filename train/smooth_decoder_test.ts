import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { buildDecoder, buildEncoder } from "../lib/model/architecture.ts";
import { seededRandom, seedModelWeights } from "../lib/kernels/conv_test_cases.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";
import { latentStd } from "../lib/latent/latent_std.ts";
import { Rng } from "../lib/random/seeded_rng.ts";
import { encodeAll } from "./evaluate.ts";
import { ProgressBar } from "../lib/progress/progress_bar.ts";
import { textSink } from "../lib/progress/text_sink.ts";
import { DECODER_SMOOTHING, smoothDecoder } from "./smooth_decoder.ts";

await initBackend(tfjsWasmDir(new URL("../", import.meta.url)));

const COUNT = 256;
/** Blobby stand-in digits: a few bright discs each. */
function images(seed: number): Uint8Array {
  const rand = seededRandom(seed), out = new Uint8Array(COUNT * 784);
  for (let n = 0; n < COUNT; n++) {
    for (let disc = 0; disc < 3; disc++) {
      const cx = 6 + rand() * 16, cy = 6 + rand() * 16;
      for (let p = 0; p < 784; p++) {
        if ((p % 28 - cx) ** 2 + (Math.floor(p / 28) - cy) ** 2 < 9) out[n * 784 + p] = 255;
      }
    }
  }
  return out;
}

/** Mean squared error of decodes of the latents plus `noise` sd of Gaussian noise. */
function noisyMse(encoder: tf.LayersModel, decoder: tf.LayersModel, data: Uint8Array): number {
  const latents = encodeAll(encoder, data, COUNT), rng = new Rng(9);
  const sd = latentStd(latents, 10);
  const noisy = latents.map((v, k) => v + DECODER_SMOOTHING.noise * sd[k % 10] * rng.normal());
  return tf.tidy(() => {
    const decoded = decoder.predict(tf.tensor2d(noisy, [COUNT, 10])) as tf.Tensor;
    const target = tf.tensor4d(Float32Array.from(data, (v) => v / 255), [COUNT, 28, 28, 1]);
    return tf.mean(tf.squaredDifference(decoded, target)).dataSync()[0];
  });
}

function pair() {
  const encoder = buildEncoder(), decoder = buildDecoder();
  seedModelWeights([encoder, decoder], 5);
  return { encoder, decoder };
}

const quiet = new ProgressBar(textSink());
const settings = { ...DECODER_SMOOTHING, epochs: 6, learningRate: 1e-3 };

Deno.test("smoothDecoder() fits decodes of noisy latents, the same for a seed, and leaves the encoder", () => {
  const data = images(1), split = { images: data, count: COUNT };
  const a = pair(), b = pair();
  const encoderBefore = a.encoder.getWeights().map((w) => Array.from(w.dataSync()));
  const before = noisyMse(a.encoder, a.decoder, data);
  const tensors = tf.memory().numTensors;
  const record = smoothDecoder(a.encoder, a.decoder, split, split, 3, quiet, settings);
  assertEquals(tf.memory().numTensors, tensors);
  const after = noisyMse(a.encoder, a.decoder, data);
  assert(after < before * 0.85, `noisy-latent MSE ${before.toFixed(4)} -> ${after.toFixed(4)}`);
  assertEquals([record.epochs, record.noise], [6, DECODER_SMOOTHING.noise]);
  assert(record.testMseAfter < record.testMseBefore, JSON.stringify(record));
  assertEquals(a.encoder.getWeights().map((w) => Array.from(w.dataSync())), encoderBefore);
  smoothDecoder(b.encoder, b.decoder, split, split, 3, quiet, settings);
  assertEquals(
    b.decoder.getWeights().map((w) => Array.from(w.dataSync())),
    a.decoder.getWeights().map((w) => Array.from(w.dataSync())),
  );
  // Trained without the noise, the same decoder copes worse with it: the noise is what it learnt.
  const c = pair();
  smoothDecoder(c.encoder, c.decoder, split, split, 3, quiet, { ...settings, noise: 0 });
  const plain = noisyMse(c.encoder, c.decoder, data);
  assert(after < plain, `with noise ${after.toFixed(4)}, without ${plain.toFixed(4)}`);
  for (const m of [a.encoder, a.decoder, b.encoder, b.decoder, c.encoder, c.decoder]) m.dispose();
});

Deno.test("smoothDecoder() with 0 epochs leaves the decoder as it was", () => {
  const data = images(2), split = { images: data, count: COUNT };
  const { encoder, decoder } = pair();
  const weights = decoder.getWeights().map((w) => Array.from(w.dataSync()));
  smoothDecoder(encoder, decoder, split, split, 3, quiet, { ...settings, epochs: 0 });
  assertEquals(decoder.getWeights().map((w) => Array.from(w.dataSync())), weights);
  encoder.dispose();
  decoder.dispose();
});
