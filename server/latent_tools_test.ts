import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { loadModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import { createLatentTools } from "./latent_tools.ts";
import { createMapPlacer } from "../lib/latent/map_placer.ts";

const dir = new URL("../static/model/", import.meta.url).pathname;

const placerOf = (artifacts: Awaited<ReturnType<typeof loadModelArtifacts>>) =>
  createMapPlacer({ ...artifacts.test!, dim: artifacts.manifest.architecture.latentSize });

Deno.test("createLatentTools() encodes on tfjs when no fused encoder is given, leaving no tensors", async () => {
  const artifacts = await loadModelArtifacts((p) => Deno.readFile(dir + p), {
    models: ["encoder"],
  });
  try {
    const tools = createLatentTools(artifacts, placerOf(artifacts));
    const images = Float32Array.from(artifacts.test!.images!.subarray(0, 3 * 784), (v) => v / 255);
    const before = tf.memory().numTensors;
    const latents = tools.encode!(images);
    assertEquals(tf.memory().numTensors, before);
    for (let i = 0; i < 30; i++) ok(Math.abs(latents[i] - artifacts.test!.latents[i]) < 1e-4);
    assertEquals(tools.neighbors(latents.subarray(10, 20), 1)[0].index, 1);
    const [x, y] = [artifacts.test!.pca[4], artifacts.test!.pca[5]];
    assertEquals(
      Array.from(tools.estimate("pca", [x, y])),
      Array.from(artifacts.test!.latents.subarray(20, 30)),
    );
  } finally {
    Object.values(artifacts.models).forEach((m) => m.dispose());
  }
});

Deno.test("createLatentTools() has no encode when the model's encoder does not output a latent", async () => {
  const artifacts = await loadModelArtifacts((p) => Deno.readFile(dir + p), { models: [] });
  const flatten = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] })] });
  try {
    const placer = placerOf(artifacts);
    assertEquals(
      createLatentTools({ ...artifacts, models: { encoder: flatten } }, placer).encode,
      null,
    );
    assertEquals(createLatentTools(artifacts, placer).encode, null);
  } finally {
    flatten.dispose();
  }
});
