import { throws } from "node:assert/strict";
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from "./args.ts";
import { checkpointOptions, checkResumable, type TrainingMeta } from "./checkpoint_state.ts";

const run: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, epochs: 4, limit: 320, judgeEpochs: 2 };
const meta = (changes: Partial<TrainingMeta> = {}): TrainingMeta => ({
  formatVersion: 1,
  epoch: 2,
  batchSize: run.batchSize,
  seed: run.seed,
  limit: run.limit,
  learningRate: 1e-3,
  rngState: [1, 2, 3, 4],
  history: [
    { epoch: 1, trainLoss: 0.1, testMse: 0.1, seconds: 1, imagesPerSecond: 1 },
    { epoch: 2, trainLoss: 0.1, testMse: 0.1, seconds: 1, imagesPerSecond: 1 },
  ],
  judges: {},
  optimizerStep: 20,
  options: checkpointOptions(run),
  ...changes,
});

Deno.test("checkResumable() accepts the same options, and more epochs", () => {
  checkResumable(meta(), run, "c.bin");
  checkResumable(meta(), { ...run, epochs: 9 }, "c.bin");
  checkResumable(meta(), { ...run, epochs: 2, resume: true }, "c.bin");
});

Deno.test("checkResumable() refuses every changed option, naming it", () => {
  const changed: Array<[Partial<TrainOptions>, string]> = [
    [{ batchSize: 64 }, "--batch-size 32, but this run has --batch-size 64"],
    [{ seed: 1 }, "--seed 0, but this run has --seed 1"],
    [{ limit: null }, "--limit 320, but this run has --limit null"],
    [{ judgeEpochs: 5 }, "--judge-epochs 2, but this run has --judge-epochs 5"],
    [{ umapEpochs: 20 }, "--umap-epochs 200, but this run has --umap-epochs 20"],
    [{ backend: "cpu" }, "--backend wasm, but this run has --backend cpu"],
    [{ epochs: 1 }, "has 2 epochs done, more than --epochs 1"],
  ];
  for (const [change, words] of changed) {
    throws(
      () => checkResumable(meta(), { ...run, ...change }, "c.bin"),
      (e: Error) =>
        e instanceof RangeError && e.message.startsWith("c.bin: ") && e.message.includes(words),
      words,
    );
  }
});

Deno.test("checkResumable() refuses unsound metadata: bad epoch, format version, history, no options", () => {
  const bad: Array<[Partial<TrainingMeta>, RegExp]> = [
    [{ epoch: -5 }, /epoch -5, expected an integer >= 0/],
    [{ epoch: 1.5 }, /epoch 1.5, expected an integer >= 0/],
    [{ formatVersion: 99 as 1 }, /formatVersion 99, expected 1/],
    [{ epoch: 3 }, /epoch 3 but 2 epochs of history/],
    [{ options: undefined as unknown as TrainingMeta["options"] }, /stores no options/],
  ];
  for (const [change, message] of bad) {
    throws(
      () => checkResumable(meta(change), run, "c.bin"),
      { name: "RangeError", message },
      String(message),
    );
  }
});
