import * as tf from "@tensorflow/tfjs";
import { DIGITS, IMAGE_SIDE, LATENT_SIZE } from "../model/architecture.ts";
import { tfjsPass } from "../kernels/tfjs_pass.ts";
import { createRng } from "../random/seeded_rng.ts";
import type { MuddleModels } from "./types.ts";

/**
 * Hand-wired models for tests, whose answers are known in advance. Digit k
 * owns rows 4+2k and 5+2k of the image; the decoder draws a left-aligned bar
 * there whose length grows with latent[k] (full at 2). The judges score each
 * digit by the ink on its rows, so on a path between two digits' images they
 * are split halfway. Test images of k: bars of total length L in 1.6..2 (of
 * 2), a share u < 0.5 of it on a random other digit j's rows. Dispose with `disposeModels`.
 */
export function createFixtureModels(perDigit = 40, seed = 0): MuddleModels {
  const rng = createRng(seed);
  const count = perDigit * DIGITS;
  const latents = new Float32Array(count * LATENT_SIZE);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % DIGITS, u = rng.next() / 2, length = 1.6 + 0.4 * rng.next();
    const j = (k + 1 + rng.int(DIGITS - 1)) % DIGITS;
    labels[i] = k;
    latents[i * LATENT_SIZE + k] = length * (1 - u);
    latents[i * LATENT_SIZE + j] = length * u;
  }
  const centroids = Array.from({ length: DIGITS }, (_, k) => {
    const centroid = new Array(LATENT_SIZE).fill(0);
    for (let i = k; i < count; i += DIGITS) {
      for (let d = 0; d < LATENT_SIZE; d++) centroid[d] += latents[i * LATENT_SIZE + d] / perDigit;
    }
    return centroid;
  });
  const decoder = barDecoder();
  const judges = { judge: rowJudge(0.15), judge_mlp: rowJudge(0.12) };
  return {
    decoder,
    judges,
    // tfjs's own predict, so these tests check the engine against tfjs.
    fast: {
      decoder: tfjsPass(decoder),
      judges: { judge: tfjsPass(judges.judge), judge_mlp: tfjsPass(judges.judge_mlp) },
    },
    centroids,
    latents,
    labels,
  };
}

/** Disposes every model in `models`. */
export function disposeModels(models: MuddleModels): void {
  models.decoder.dispose();
  for (const judge of Object.values(models.judges)) judge.dispose();
}

function rowOwner(pixel: number): number {
  const row = Math.floor(pixel / IMAGE_SIDE) - 4;
  return row >= 0 && row < 2 * DIGITS ? Math.floor(row / 2) : -1;
}

function barDecoder(): tf.LayersModel {
  const pixels = IMAGE_SIDE * IMAGE_SIDE;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [LATENT_SIZE], units: pixels, activation: "sigmoid" }),
      tf.layers.reshape({ targetShape: [IMAGE_SIDE, IMAGE_SIDE, 1] }),
    ],
  });
  const kernel = new Float32Array(LATENT_SIZE * pixels);
  const bias = new Float32Array(pixels).fill(-10);
  for (let p = 0; p < pixels; p++) {
    const owner = rowOwner(p);
    if (owner < 0) continue;
    // Column c lights up once latent[owner] passes 2 * (c + 0.5) / 28: a bar that grows.
    kernel[owner * pixels + p] = 20;
    bias[p] = -20 * 2 * (p % IMAGE_SIDE + 0.5) / IMAGE_SIDE;
  }
  tf.tidy(() =>
    model.layers[0].setWeights([tf.tensor2d(kernel, [LATENT_SIZE, pixels]), tf.tensor1d(bias)])
  );
  return model;
}

function rowJudge(weight: number): tf.LayersModel {
  const pixels = IMAGE_SIDE * IMAGE_SIDE;
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [IMAGE_SIDE, IMAGE_SIDE, 1] }),
      tf.layers.dense({ units: DIGITS, activation: "softmax" }),
    ],
  });
  const kernel = new Float32Array(pixels * DIGITS);
  for (let p = 0; p < pixels; p++) {
    const owner = rowOwner(p);
    if (owner >= 0) kernel[p * DIGITS + owner] = weight;
  }
  tf.tidy(() =>
    model.layers[1].setWeights([tf.tensor2d(kernel, [pixels, DIGITS]), tf.zeros([DIGITS])])
  );
  return model;
}
