import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert, rejects } from "node:assert/strict";
import { fixtureModelDir } from "./fixture_model_dir.ts";
import { ArtifactError, loadModelArtifacts } from "./load_model_artifacts.ts";
import { MODEL_NAMES } from "./manifest.ts";
import { sha256Hex } from "./sha256.ts";

const reader = (files: Map<string, Uint8Array>) => (path: string) => {
  const bytes = files.get(path);
  return bytes ? Promise.resolve(bytes) : Promise.reject(new Error("not found"));
};

const fileAtFault = (file: string, message: RegExp) => (error: unknown) =>
  error instanceof ArtifactError && error.file === file && message.test(error.message);

Deno.test("loadModelArtifacts() loads every part of a valid directory and leaks no tensors", async () => {
  await tf.setBackend("cpu");
  const files = await fixtureModelDir({ testCount: 20, trainCount: 30 });
  const before = tf.memory().numTensors;
  const artifacts = await loadModelArtifacts(reader(files), { train: true, verifyAll: true });
  assertEquals(Object.keys(artifacts.models).sort(), [...MODEL_NAMES].sort());
  assertEquals(artifacts.centroids?.length, 10);
  assertEquals(artifacts.test?.latents.length, 20 * 10);
  assertEquals(artifacts.test?.images?.length, 20 * 784);
  assertEquals(artifacts.train?.umap.length, 30 * 2);
  const probabilities = tf.tidy(() =>
    (artifacts.models.judge!.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor).sum(1).arraySync()
  ) as number[];
  assert(probabilities.every((p) => Math.abs(p - 1) < 1e-5), "judge outputs softmax rows");
  Object.values(artifacts.models).forEach((model) => model.dispose());
  assertEquals(tf.memory().numTensors, before);
});

Deno.test("loadModelArtifacts() loads only the parts asked for", async () => {
  await tf.setBackend("cpu");
  const files = await fixtureModelDir();
  files.delete("holdout/weights.bin"); // not asked for, so never read
  const artifacts = await loadModelArtifacts(reader(files), {
    models: ["decoder"],
    testImages: false,
  });
  assertEquals(Object.keys(artifacts.models), ["decoder"]);
  assertEquals(artifacts.test?.images, undefined);
  assertEquals(artifacts.train, undefined);
  artifacts.models.decoder!.dispose();
});

Deno.test("loadModelArtifacts() names a file whose bytes do not match the manifest's sha256", async () => {
  await tf.setBackend("cpu");
  const files = await fixtureModelDir();
  const weights = files.get("decoder/weights.bin")!.slice();
  weights[100] ^= 0xff;
  files.set("decoder/weights.bin", weights);
  const before = tf.memory().numTensors;
  await rejects(
    loadModelArtifacts(reader(files)),
    fileAtFault("decoder/weights.bin", /sha256 \w+ does not match manifest.json's \w+/),
  );
  assertEquals(tf.memory().numTensors, before, "models loaded before the failure are disposed");
});

Deno.test("loadModelArtifacts() names a truncated, a missing and a mis-shaped file", async () => {
  await tf.setBackend("cpu");
  const truncated = await fixtureModelDir();
  truncated.set("test_umap.bin", truncated.get("test_umap.bin")!.subarray(0, 10));
  await rejects(
    loadModelArtifacts(reader(truncated), { models: [] }),
    fileAtFault("test_umap.bin", /10 bytes, manifest.json expects 160/),
  );

  const missing = await fixtureModelDir();
  missing.delete("centroids.json");
  await rejects(
    loadModelArtifacts(reader(missing), { models: [] }),
    fileAtFault("centroids.json", /cannot be read/),
  );

  const reshaped = await fixtureModelDir();
  const manifest = JSON.parse(new TextDecoder().decode(reshaped.get("manifest.json")));
  manifest.files["test_latents.bin"].shape = [40, 5];
  reshaped.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
  await rejects(
    loadModelArtifacts(reader(reshaped), { models: [] }),
    fileAtFault(
      "test_latents.bin",
      /manifest.json says float32 \[40,5\], expected float32 \[20,10\]/,
    ),
  );
});

Deno.test("loadModelArtifacts({verifyAll}) refuses a manifest that does not list every file", async () => {
  const files = await fixtureModelDir();
  const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
  delete manifest.files["holdout/weights.bin"];
  files.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
  await rejects(
    loadModelArtifacts(reader(files), { models: ["decoder"], verifyAll: true }),
    fileAtFault("holdout/weights.bin", /not listed in manifest.json/),
  );
});

Deno.test("loadModelArtifacts() rejects a manifest of another format version", async () => {
  const files = await fixtureModelDir();
  files.set("manifest.json", new TextEncoder().encode(JSON.stringify({ formatVersion: 99 })));
  await rejects(
    loadModelArtifacts(reader(files)),
    fileAtFault("manifest.json", /formatVersion 99, expected 1/),
  );
});

Deno.test("loadModelArtifacts() refuses NaN weights even when the manifest's hash matches", async () => {
  await tf.setBackend("cpu");
  const files = await fixtureModelDir();
  const weights = files.get("decoder/weights.bin")!.slice();
  new DataView(weights.buffer).setFloat32(8, NaN, true);
  files.set("decoder/weights.bin", weights);
  const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
  manifest.files["decoder/weights.bin"].sha256 = await sha256Hex(weights);
  files.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
  const before = tf.memory().numTensors;
  await rejects(
    loadModelArtifacts(reader(files)),
    fileAtFault("decoder/model.json", /weights.bin holds a non-finite weight \(NaN\) at value 2/),
  );
  assertEquals(tf.memory().numTensors, before);
});

Deno.test("loadModelArtifacts() refuses manifest entries that name files outside the model folder", async () => {
  for (const path of ["../secret.bin", "/etc/passwd", "a/../../b", "decoder/.hidden", "a\\b", ""]) {
    const files = await fixtureModelDir();
    const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
    manifest.files[path] = { sha256: "00", bytes: 1 };
    files.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
    await rejects(
      loadModelArtifacts(reader(files), { models: [] }),
      fileAtFault("manifest.json", /not a file inside the model folder/),
      path,
    );
  }
});
