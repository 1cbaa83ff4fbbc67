import { deepStrictEqual as assertEquals, rejects } from "node:assert/strict";
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from "../train/args.ts";
import { decodeCheckpoint } from "../train/checkpoint.ts";
import type { TrainingMeta } from "../train/checkpoint_state.ts";
import { ProgressBar } from "../lib/progress/progress_bar.ts";
import { textSink } from "../lib/progress/text_sink.ts";
import { runTraining } from "../train/run_training.ts";

const root = new URL("../", import.meta.url);
const quiet = { progress: new ProgressBar(textSink()) };

async function checkpointAfter(out: string) {
  const file = `${out}/../.model.checkpoint/checkpoint.bin`;
  return decodeCheckpoint<TrainingMeta>(await Deno.readFile(file), file);
}

Deno.test("--resume continues exactly: 1 epoch + resume to 2 equals 2 epochs unbroken", async () => {
  const dir = await Deno.makeTempDir();
  const options: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    limit: 320,
    judgeEpochs: 0,
    umapEpochs: 1,
    evalLimit: 320,
  };
  try {
    await runTraining({ ...options, epochs: 2, out: `${dir}/a/model` }, root, quiet);
    await runTraining({ ...options, epochs: 1, out: `${dir}/b/model` }, root, quiet);
    await runTraining({ ...options, epochs: 2, out: `${dir}/b/model`, resume: true }, root, quiet);
    const [a, b] = [
      await checkpointAfter(`${dir}/a/model`),
      await checkpointAfter(`${dir}/b/model`),
    ];
    assertEquals(b.meta.epoch, 2);
    assertEquals(b.meta.rngState, a.meta.rngState);
    assertEquals(b.meta.optimizerStep, a.meta.optimizerStep);
    assertEquals(b.meta.history.map((h) => h.testMse), a.meta.history.map((h) => h.testMse));
    // Weights and Adam moments are bit-identical.
    assertEquals(b.arrays.map((x) => x.name), a.arrays.map((x) => x.name));
    for (let i = 0; i < a.arrays.length; i++) assertEquals(b.arrays[i].values, a.arrays[i].values);
    // A changed option is refused by name, before any training.
    await rejects(
      runTraining(
        { ...options, epochs: 3, judgeEpochs: 1, out: `${dir}/b/model`, resume: true },
        root,
        quiet,
      ),
      /checkpoint.bin: saved with --judge-epochs 0, but this run has --judge-epochs 1/,
    );
    // So is a checkpoint with one flipped byte.
    const file = `${dir}/b/.model.checkpoint/checkpoint.bin`;
    const bytes = await Deno.readFile(file);
    bytes[bytes.length - 100] ^= 0x10;
    await Deno.writeFile(file, bytes);
    await rejects(
      runTraining({ ...options, epochs: 3, out: `${dir}/b/model`, resume: true }, root, quiet),
      /checkpoint.bin: checksum does not match its contents/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
