import * as tf from "@tensorflow/tfjs";
import { dirname, resolve } from "node:path";
import type { EpochRecord, JudgeRecord, ModelManifest } from "../lib/artifacts/manifest.ts";
import { buildDecoder, buildEncoder, IMAGE_SIDE } from "../lib/model/architecture.ts";
import {
  buildHoldout,
  buildJudge,
  buildJudgeMlp,
  type Classifier,
} from "../lib/model/classifiers.ts";
import type { TrainOptions } from "./args.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
import {
  checkpointOptions,
  checkResumable,
  modelArrays,
  optimizerArrays,
  restoreModel,
  restoreOptimizer,
  type TrainingMeta,
} from "./checkpoint_state.ts";
import { checkWritable, siblingPath } from "../files/atomic_files.ts";
import { classifierAccuracy, imageRows, reconstructionMse } from "./evaluate.ts";
import { smoothDecoder } from "./smooth_decoder.ts";
import { exportModel } from "./export_model.ts";
import { firstImages, loadMnist, mnistDataDir } from "./mnist_files.ts";
import { loadIdxDataset } from "./idx_dataset.ts";
import { ProgressBar } from "../lib/progress/progress_bar.ts";
import { Rng } from "../lib/random/seeded_rng.ts";
import { initializeSeeded } from "./seeded_init.ts";
import { trainClassifier } from "./train_classifier.ts";
import { addReaders } from "./add_readers.ts";
import { trainReadersInWorker } from "./readers_in_worker.ts";
import { createAutoencoderTrainer, type OptimizerState } from "./train_step.ts";

/** Learning rate of every optimiser (Adam), as in the reference. */
export const LEARNING_RATE = 1e-3;

/** Raised when the loss is NaN or infinite; the last good checkpoint is left in place. */
export class NonFiniteLossError extends Error {}

/** Optional observers of a run (tests use them). */
export interface TrainingHooks {
  progress?: ProgressBar;
  /** Called after each autoencoder epoch's checkpoint is written. */
  onEpoch?: (record: EpochRecord) => void;
}

/** The classifiers and their epochs for `--judge-epochs N` (the holdout gets half: it only checks). */
const CLASSIFIERS: [
  name: "judge" | "judge_mlp" | "holdout",
  build: () => Classifier,
  epochs: (n: number) => number,
][] = [
  ["judge", buildJudge, (n) => n],
  ["judge_mlp", buildJudgeMlp, (n) => n],
  ["holdout", buildHoldout, (n) => Math.ceil(n / 2)],
];

/**
 * The whole of `deno task train`: data, autoencoder epochs with a checkpoint
 * after each, the three classifiers, projections, the model directory, and
 * last the reader panel (lib/model/reader_panel.ts) added to it.
 * Returns the manifest written.
 */
export async function runTraining(
  options: TrainOptions,
  projectRoot: URL,
  hooks: TrainingHooks = {},
): Promise<ModelManifest> {
  const progress = hooks.progress ?? new ProgressBar(Deno.stderr);
  const started = performance.now();
  const out = resolve(options.out);
  const checkpointDir = siblingPath(out, "checkpoint");
  // The model and its checkpoint are written beside each other: both must be writable now.
  await checkWritable(dirname(out));
  const fullData = options.data
    ? await loadIdxDataset(options.data, options.classes)
    : await loadMnist(mnistDataDir(projectRoot));
  const backend = options.backend === "wasm"
    ? await initBackend(tfjsWasmDir(projectRoot))
    : (await tf.setBackend("cpu"), tf.getBackend());
  const count = Math.min(options.limit ?? fullData.train.count, fullData.train.count);
  const data = options.evalLimit === null
    ? fullData
    : firstImages(fullData, Math.max(count, options.evalLimit), options.evalLimit);
  const rng = new Rng(options.seed);
  const encoder = buildEncoder(), decoder = buildDecoder();
  initializeSeeded(encoder, rng);
  initializeSeeded(decoder, rng);
  const classifiers = new Map(CLASSIFIERS.map(([name, build]) => [name, build()]));
  const classifierEpochs = new Map(CLASSIFIERS.map(([name, , epochs]) => [name, epochs]));
  let meta: TrainingMeta = {
    formatVersion: 1,
    epoch: 0,
    batchSize: options.batchSize,
    seed: options.seed,
    limit: options.limit,
    learningRate: LEARNING_RATE,
    rngState: [],
    history: [],
    judges: {},
    optimizerStep: null,
    options: checkpointOptions(options),
  };
  let optimizerState: OptimizerState | null = null;
  const checkpointFile = `${checkpointDir}/checkpoint.bin`;
  let resumed: Checkpoint<TrainingMeta> | null = null;
  if (options.resume) {
    resumed = await loadCheckpoint<TrainingMeta>(checkpointDir);
    if (!resumed) progress.log(`train: no checkpoint in ${checkpointDir}; starting from scratch`);
  } else {
    // A fresh run: an older run's checkpoint must not be resumed if this one is killed early.
    await Deno.remove(checkpointDir, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  if (resumed) {
    const saved = resumed.meta;
    checkResumable(saved, options, checkpointFile);
    if (saved.options.epochs !== options.epochs) {
      progress.log(`train: --epochs ${saved.options.epochs} -> ${options.epochs} on resume`);
    }
    meta = { ...saved, options: checkpointOptions(options) };
    restoreModel(resumed, "encoder", encoder, checkpointFile);
    restoreModel(resumed, "decoder", decoder, checkpointFile);
    for (const name of Object.keys(saved.judges)) {
      restoreModel(resumed, name, classifiers.get(name as "judge")!.model, checkpointFile);
    }
    rng.setState(saved.rngState);
    optimizerState = restoreOptimizer(resumed);
    progress.log(`train: resuming after epoch ${saved.epoch} from ${checkpointFile}`);
  }
  // The reader panel trains on the second core meanwhile (it needs only MNIST).
  const readers = trainReadersInWorker(
    projectRoot,
    options.seed,
    options.limit,
    options.evalLimit,
    options.data,
  );
  readers.result.catch(() => {}); // awaited below; a failure before then must not go unhandled
  const trainer = createAutoencoderTrainer(encoder, decoder, { learningRate: LEARNING_RATE });
  if (optimizerState) trainer.setOptimizerState(optimizerState);
  else if (resumed) progress.log("train: checkpoint has no optimiser state; Adam restarts");

  const stepTensor = (rows: Float32Array) => {
    const batch = tf.tensor4d(rows, [options.batchSize, IMAGE_SIDE, IMAGE_SIDE, 1]);
    const loss = trainer.step(batch);
    batch.dispose();
    return loss;
  };
  const checkpoint = async (judgeArrays: ReturnType<typeof modelArrays>) => {
    meta.rngState = rng.getState();
    try {
      optimizerState = trainer.getOptimizerState();
    } catch {
      optimizerState = null; // tfjs's "layers" trainer cannot export its state
    }
    meta.optimizerStep = optimizerState?.step ?? null;
    await saveCheckpoint(checkpointDir, {
      meta,
      arrays: [
        ...modelArrays("encoder", encoder),
        ...modelArrays("decoder", decoder),
        ...optimizerArrays(optimizerState),
        ...judgeArrays,
      ],
    });
  };
  const judgeArrays = () =>
    Object.keys(meta.judges).flatMap((name) =>
      modelArrays(name, classifiers.get(name as "judge")!.model)
    );

  try {
    const batches = Math.floor(count / options.batchSize);
    for (let epoch = meta.epoch + 1; epoch <= options.epochs; epoch++) {
      const order = rng.permutation(count);
      const epochStart = performance.now();
      let lossSum = 0;
      for (let b = 0; b < batches; b++) {
        const start = b * options.batchSize;
        const rows = imageRows(data.train.images, start, start + options.batchSize, order);
        const loss = trainer.stepBatch
          ? trainer.stepBatch(rows, options.batchSize)
          : stepTensor(rows);
        if (!Number.isFinite(loss)) {
          throw new NonFiniteLossError(
            `train: loss became ${loss} in epoch ${epoch}, batch ${
              b + 1
            }; stopped. The last good checkpoint (epoch ${meta.epoch}) is kept in ${checkpointDir}`,
          );
        }
        lossSum += loss;
        progress.update({
          label: `epoch ${epoch}/${options.epochs}`,
          done: start + options.batchSize,
          total: batches * options.batchSize,
          loss: lossSum / (b + 1),
          elapsed: (performance.now() - epochStart) / 1000,
        });
      }
      const seconds = (performance.now() - epochStart) / 1000;
      const testMse = reconstructionMse(encoder, decoder, data.test.images, data.test.count);
      const record: EpochRecord = {
        epoch,
        trainLoss: round(lossSum / batches, 6),
        testMse: round(testMse, 6),
        seconds: round(seconds, 1),
        imagesPerSecond: Math.round(batches * options.batchSize / seconds),
      };
      meta.history.push(record);
      meta.epoch = epoch;
      progress.log(`epoch ${epoch}: train loss ${record.trainLoss}, test MSE ${record.testMse}`);
      await checkpoint(judgeArrays());
      hooks.onEpoch?.(record);
    }

    for (const [name, classifier] of classifiers) {
      if (meta.judges[name]) continue;
      const judgeStart = performance.now();
      const epochs = classifierEpochs.get(name)!(options.judgeEpochs);
      // Each classifier draws from its own stream, so adding autoencoder epochs
      // later (--resume --epochs more) replays the same shuffles as an unbroken run.
      const classifierRng = new Rng(
        (options.seed + 1 + CLASSIFIERS.findIndex(([n]) => n === name)) >>> 0,
      );
      initializeSeeded(classifier.model, classifierRng);
      trainClassifier(classifier, {
        images: data.train.images,
        labels: data.train.labels,
        count,
        epochs,
        batchSize: 32,
        learningRate: LEARNING_RATE,
        finalLearningRate: LEARNING_RATE / 10,
        rng: classifierRng,
        progress,
        label: name,
      });
      const accuracy = classifierAccuracy(
        classifier.model,
        data.test.images,
        data.test.labels,
        data.test.count,
      );
      const record: JudgeRecord = {
        kind: classifier.kind,
        testAccuracy: round(accuracy, 4),
        epochs,
        seconds: round((performance.now() - judgeStart) / 1000, 1),
      };
      meta.judges[name] = record;
      progress.log(`${name} (${classifier.kind}): test accuracy ${(accuracy * 100).toFixed(2)}%`);
      await checkpoint(judgeArrays());
    }

    // Last, after every checkpoint: a resumed run restores the unsmoothed decoder and redoes
    // this seeded phase, so it ends with the same weights.
    const smoothing = smoothDecoder(
      encoder,
      decoder,
      {
        images: data.train.images,
        count,
      },
      { images: data.test.images, count: data.test.count },
      options.seed,
      progress,
    );
    await exportModel({
      out,
      options,
      meta,
      smoothing,
      backend,
      data,
      encoder,
      decoder,
      classifiers,
      progress,
      started,
    });
    // The reader panel goes in last: `deno task train:readers` redoes just this step.
    const trained = await readers.result;
    progress.log(
      `readers: ${
        trained.map((r) => `${r.name} ${(r.record.testAccuracy * 100).toFixed(2)}%`).join(", ")
      }`,
    );
    return await addReaders(out, trained);
  } finally {
    readers.terminate();
    trainer.dispose();
    const views = [...classifiers.values()].map((c) => c.model);
    for (const model of [encoder, decoder, ...views]) model.dispose();
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
