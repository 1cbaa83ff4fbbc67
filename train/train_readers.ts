import type * as tf from "@tensorflow/tfjs";
import { buildReader, type ReaderSpec } from "../lib/model/reader_panel.ts";
import type { ReaderRecord } from "../lib/artifacts/reader_manifest.ts";
import { augmenter } from "./augment.ts";
import { classifierAccuracy } from "./evaluate.ts";
import type { MnistData } from "./mnist_files.ts";
import type { ProgressBar } from "../lib/progress/progress_bar.ts";
import { Rng } from "../lib/random/seeded_rng.ts";
import { initializeSeeded } from "./seeded_init.ts";
import { trainClassifier } from "./train_classifier.ts";

/** A trained reader and what the manifest records of it. */
export interface TrainedReader {
  spec: ReaderSpec;
  model: tf.LayersModel;
  record: ReaderRecord;
}

/** Learning rate of the readers' Adam (the last epoch runs at a tenth). */
const READER_LEARNING_RATE = 2e-3;

/**
 * Trains each reader of `specs` on its share of the MNIST training set with
 * its own augmentation and seed (`seed + spec.seedOffset`), in the fused
 * trainer. The caller disposes the models.
 */
export function trainReaders(
  data: MnistData,
  specs: readonly ReaderSpec[],
  seed: number,
  progress?: ProgressBar,
  limit: number | null = null,
): TrainedReader[] {
  const count = Math.min(limit ?? data.train.count, data.train.count);
  const half = Math.floor(count / 2);
  return specs.map((spec) => {
    const started = performance.now();
    const rng = new Rng((seed + spec.seedOffset * 7919) >>> 0);
    const model = buildReader(spec);
    initializeSeeded(model, rng);
    const subset = spec.data === "all"
      ? undefined
      : Int32Array.from({ length: spec.data === "first-half" ? half : count - half }, (_, i) =>
        spec.data === "first-half" ? i : half + i);
    trainClassifier({ model, kind: "cnn" }, {
      images: data.train.images,
      labels: data.train.labels,
      count,
      subset,
      epochs: spec.epochs,
      batchSize: 32,
      learningRate: READER_LEARNING_RATE,
      finalLearningRate: READER_LEARNING_RATE / 10,
      rng,
      progress,
      label: spec.name,
      transform: augmenter(spec.augment, rng),
    });
    const accuracy = classifierAccuracy(model, data.test.images, data.test.labels, data.test.count);
    const record: ReaderRecord = {
      family: spec.family,
      role: spec.role,
      layers: spec.layers,
      augment: spec.augment,
      data: spec.data,
      epochs: spec.epochs,
      seed: (seed + spec.seedOffset * 7919) >>> 0,
      testAccuracy: Number(accuracy.toFixed(4)),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    progress?.log(
      `${spec.name} (${spec.family}, ${spec.role}): test accuracy ${(accuracy * 100).toFixed(2)}%` +
        ` in ${record.seconds}s`,
    );
    return { spec, model, record };
  });
}
