import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { loadModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import { loadReaders } from "../lib/artifacts/load_readers.ts";
import { readersOf } from "../lib/model/reader_panel.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../train/args.ts";
import { classifierAccuracy } from "../train/evaluate.ts";
import { ProgressBar } from "../lib/progress/progress_bar.ts";
import { textSink } from "../lib/progress/text_sink.ts";
import { runTraining } from "../train/run_training.ts";

const root = new URL("../", import.meta.url);
/** Images evaluated and exported: the export's cost, not training's, dominated this test. */
const EVAL_LIMIT = 500;

Deno.test("runTraining() on 256 images (--eval-limit 500) writes a loadable model dir; tensors stay flat across epochs", async () => {
  const dir = await Deno.makeTempDir();
  const out = `${dir}/model`;
  const log: string[] = [];
  const tensorsAfterEpoch: number[] = [];
  try {
    const manifest = await runTraining(
      {
        ...DEFAULT_TRAIN_OPTIONS,
        epochs: 3,
        limit: 256,
        judgeEpochs: 1,
        umapEpochs: 10,
        evalLimit: EVAL_LIMIT,
        out,
      },
      root,
      {
        progress: new ProgressBar(textSink(log)),
        onEpoch: () => tensorsAfterEpoch.push(tf.memory().numTensors),
      },
    );
    assertEquals(tensorsAfterEpoch.length, 3);
    assert(
      tensorsAfterEpoch.every((n) => n === tensorsAfterEpoch[0]),
      `tensor count per epoch: ${tensorsAfterEpoch}`,
    );
    assertEquals(manifest.training.history.map((h) => h.epoch), [1, 2, 3]);
    const mse = manifest.training.history.map((h) => h.testMse);
    assert(mse.every(Number.isFinite) && mse[2] < mse[0], `test MSE falls: ${mse}`);
    assert(log.some((line) => /epoch 3: train loss [\d.]+, test MSE [\d.]+/.test(line)));

    const before = tf.memory().numTensors;
    const artifacts = await loadModelArtifacts((path) => Deno.readFile(`${out}/${path}`), {
      train: true,
      verifyAll: true,
    });
    assertEquals(artifacts.manifest.dataset.trainCount, EVAL_LIMIT);
    assertEquals(artifacts.manifest.dataset.testCount, EVAL_LIMIT);
    assertEquals(artifacts.train?.latents.length, EVAL_LIMIT * 10);
    assert(
      artifacts.train!.umap.every(Number.isFinite) && artifacts.test!.pca.every(Number.isFinite),
    );
    for (const judge of ["judge", "judge_mlp", "holdout"] as const) {
      // The saved weights are the ones the recorded accuracy was measured with.
      const { images, labels } = artifacts.test!;
      const accuracy = classifierAccuracy(artifacts.models[judge]!, images!, labels, EVAL_LIMIT);
      assertEquals(Number(accuracy.toFixed(4)), artifacts.manifest.judges[judge].testAccuracy);
    }
    Object.values(artifacts.models).forEach((model) => model.dispose());
    // The reader panel is listed, hashed and loadable, panel and held-out apart.
    const read = (path: string) => Deno.readFile(`${out}/${path}`);
    const panel = await loadReaders(read, artifacts.manifest, "panel");
    const heldout = await loadReaders(read, artifacts.manifest, "heldout");
    assertEquals(Object.keys(panel).sort(), readersOf("panel").map((r) => r.name).sort());
    assertEquals(Object.keys(heldout).sort(), readersOf("heldout").map((r) => r.name).sort());
    const { images, labels } = artifacts.test!;
    for (const [name, model] of Object.entries({ ...panel, ...heldout })) {
      const accuracy = classifierAccuracy(model, images!, labels, EVAL_LIMIT);
      assertEquals(Number(accuracy.toFixed(4)), artifacts.manifest.readers![name].testAccuracy);
      model.dispose();
    }
    assertEquals(tf.memory().numTensors, before);
    const siblings = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assertEquals(siblings, [".model.checkpoint", "model"], "no staging or old copies left");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
