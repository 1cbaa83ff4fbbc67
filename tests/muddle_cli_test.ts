import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode } from "fast-png";
import { MANIFEST_FORMAT_VERSION, type ModelManifest } from "../lib/artifacts/manifest.ts";
import { createFixtureModels, disposeModels } from "../lib/muddle/testing.ts";
import { writeModelDirectory } from "../train/write_model_dir.ts";

/** A complete model directory whose decoder and judges are the hand-wired test fixture. */
async function writeFixtureModelDir(dir: string): Promise<void> {
  const models = createFixtureModels(40);
  const count = models.labels.length;
  const encoder = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] })] });
  const judges = models.judges;
  const manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    createdAt: new Date(0).toISOString(),
    dataset: { name: "fixture", package: "none", files: {}, trainCount: 1, testCount: count },
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
      epochs: 0,
      batchSize: 1,
      seed: 0,
      learningRate: 0,
      limit: null,
      backend: "cpu",
      seconds: 0,
      history: [],
    },
    judges: {
      judge: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 },
      judge_mlp: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 },
      holdout: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 },
    },
  } as unknown as Omit<ModelManifest, "files">;
  const images = new Uint8Array(count * 784);
  const zeros2 = (n: number) => new Float32Array(n * 2);
  await writeModelDirectory(dir, {
    manifest,
    models: {
      encoder,
      decoder: models.decoder,
      judge: judges.judge,
      judge_mlp: judges.judge_mlp,
      holdout: judges.judge,
    },
    centroids: models.centroids.map((c) => Array.from(c)),
    arrays: [
      { file: "test_latents.bin", values: models.latents, shape: [count, 10] },
      { file: "test_labels.bin", values: models.labels, shape: [count] },
      { file: "test_pca.bin", values: zeros2(count), shape: [count, 2] },
      { file: "test_umap.bin", values: zeros2(count), shape: [count, 2] },
      { file: "train_latents.bin", values: models.latents.slice(0, 10), shape: [1, 10] },
      { file: "train_labels.bin", values: models.labels.slice(0, 1), shape: [1] },
      { file: "train_pca.bin", values: zeros2(1), shape: [1, 2] },
      { file: "train_umap.bin", values: zeros2(1), shape: [1, 2] },
      { file: "test_images.bin", values: images, shape: [count, 784] },
    ],
  });
  disposeModels(models);
  encoder.dispose();
}

async function run(script: string, args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(`../cli/${script}`, import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("deno task muddle --json prints items with 784 pixels and the judge's split", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(`${dir}/model`);
    const args = ["--model", `${dir}/model`, "--digit", "1", "--partner", "6", "--count", "3"];
    const result = await run("muddle.ts", [
      ...args,
      "--method",
      "boundary",
      "--seed",
      "4",
      "--json",
    ]);
    assertEquals(result.code, 0, result.stderr);
    const { items } = JSON.parse(result.stdout);
    assertEquals(items.length, 3);
    for (const item of items) {
      assertEquals([item.digit, item.partner, item.image.length], [1, 6, 784]);
      assert(item.image.every((v: number) => v >= 0 && v <= 1));
      const p = item.judge.probabilities;
      assert(p[1] >= 0.25 && p[6] >= 0.25, `${p}`);
    }
    // Same seed, same output.
    const again = await run("muddle.ts", [
      ...args,
      "--method",
      "boundary",
      "--seed",
      "4",
      "--json",
    ]);
    assertEquals(again.stdout, result.stdout);

    const png = await run("muddle.ts", [...args, "--method", "avg", "--out", `${dir}/png`]);
    assertEquals(png.code, 0, png.stderr);
    const files = [...Deno.readDirSync(`${dir}/png`)].map((e) => e.name).sort();
    assertEquals(files.length, 4);
    assert(files.includes("sheet.png"));
    const one = decode(await Deno.readFile(`${dir}/png/${files[0]}`));
    assertEquals([one.width, one.height], [224, 224]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task eval prints a table and ends with a JSON line of success rates", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(`${dir}/model`);
    const result = await run("eval.ts", ["--model", `${dir}/model`, "--count", "2"]);
    assertEquals(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split("\n");
    const last = JSON.parse(lines.at(-1)!);
    for (const method of ["avg", "farthest", "boundary"]) {
      assert(last[method] >= 0 && last[method] <= 1 && method in last.holdout);
    }
    assert(last.boundary > last.avg, `boundary ${last.boundary} vs avg ${last.avg}`);
    assert(result.stdout.includes("| method | success (ensemble) |"));
    assert(result.stdout.includes("| pair |"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the commands stop with a clear message on bad arguments or a missing model", async () => {
  const missing = await run("muddle.ts", ["--model", "/nonexistent", "--digit", "1"]);
  assertEquals(missing.code, 1);
  assert(missing.stderr.includes("cannot load the model from /nonexistent: manifest.json"));
  const bad = await run("muddle.ts", ["--digit", "11"]);
  assertEquals(bad.code, 2);
  assert(bad.stderr.includes("--digit 11 is not allowed; expected an integer from 0 to 9"));
  const evalBad = await run("eval.ts", ["--count", "1000000000"]);
  assertEquals(evalBad.code, 2);
  assert(evalBad.stderr.includes("expected an integer from 1 to 500"));
});
