/**
 * A complete, checked model directory on disk built from the hand-wired
 * fixture models of lib/muddle/testing.ts: known answers, no training needed.
 * Shared by the browser tests and the CLI tests.
 */
import * as tf from "@tensorflow/tfjs";
import type { ModelManifest } from "../../lib/artifacts/manifest.ts";
import { createFixtureModels, disposeModels } from "../../lib/muddle/testing.ts";
import { writeModelDirectory } from "../../train/write_model_dir.ts";

/** Points of the fixture on a circle: digit k's direction at angle 2πk/10 (times `turns`). */
function project(latents: Float32Array, turns: number): Float32Array {
  const n = latents.length / 10;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 10; k++) {
      const angle = 2 * Math.PI * k * turns / 10;
      out[2 * i] += latents[i * 10 + k] * Math.cos(angle);
      out[2 * i + 1] += latents[i * 10 + k] * Math.sin(angle);
    }
  }
  return out;
}

/**
 * Writes a complete, checked model directory from the fixture models into
 * `dir` (published as training publishes). `latentShift` moves every test
 * latent, for a second, different model ("a retrain"); `classes` names the
 * classes 0-9 in the manifest, as `train --classes` does.
 */
export async function writeFixtureModelDir(
  dir: string,
  options: { latentShift?: number; classes?: string[] } = {},
): Promise<void> {
  const models = createFixtureModels(40);
  if (options.latentShift) models.latents.forEach((v, i, a) => (a[i] = v + options.latentShift!));
  const count = models.labels.length;
  const encoder = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] })] });
  const images = new Uint8Array(count * 784);
  // Real pixels for tooltips: the decoder's drawing of each latent.
  const decoded = tf.tidy(() =>
    (models.decoder.predict(tf.tensor2d(models.latents, [count, 10])) as tf.Tensor).dataSync()
  );
  decoded.forEach((v, i) => images[i] = Math.round(Math.min(1, Math.max(0, v)) * 255));
  const manifest = {
    formatVersion: 1,
    createdAt: new Date(0).toISOString(),
    dataset: {
      name: "fixture",
      package: "none",
      files: {},
      trainCount: 1,
      testCount: count,
      ...(options.classes ? { classes: options.classes } : {}),
    },
    architecture: {
      imageSide: 28,
      latentSize: 10,
      digits: 10,
      latentActivation: "linear",
      outputActivation: "sigmoid",
      encoder: "fixture",
      decoder: "fixture bars",
    },
    training: {
      epochs: 1,
      batchSize: 1,
      seed: 0,
      learningRate: 0,
      limit: null,
      backend: "cpu",
      seconds: 0,
      history: [{ epoch: 1, trainLoss: 0.1, testMse: 0.1, seconds: 1, imagesPerSecond: 1 }],
    },
    judges: {
      judge: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 },
      judge_mlp: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 },
      holdout: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 },
    },
  } as unknown as Omit<ModelManifest, "files">;
  await writeModelDirectory(dir, {
    manifest,
    models: {
      encoder,
      decoder: models.decoder,
      judge: models.judges.judge,
      judge_mlp: models.judges.judge_mlp,
      holdout: models.judges.judge,
    },
    centroids: models.centroids.map((c) => Array.from(c)),
    arrays: [
      { file: "test_latents.bin", values: models.latents, shape: [count, 10] },
      { file: "test_labels.bin", values: models.labels, shape: [count] },
      { file: "test_pca.bin", values: project(models.latents, 1), shape: [count, 2] },
      { file: "test_umap.bin", values: project(models.latents, 3), shape: [count, 2] },
      { file: "train_latents.bin", values: models.latents.slice(0, 10), shape: [1, 10] },
      { file: "train_labels.bin", values: models.labels.slice(0, 1), shape: [1] },
      { file: "train_pca.bin", values: new Float32Array(2), shape: [1, 2] },
      { file: "train_umap.bin", values: new Float32Array(2), shape: [1, 2] },
      { file: "test_images.bin", values: images, shape: [count, 784] },
    ],
  });
  disposeModels(models);
  encoder.dispose();
}
