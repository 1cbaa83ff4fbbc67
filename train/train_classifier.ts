import * as tf from "@tensorflow/tfjs";
import type { Classifier } from "../lib/model/classifiers.ts";
import { imageBatch } from "./evaluate.ts";
import type { ProgressBar } from "./progress.ts";
import type { Rng } from "./rng.ts";

/** What trainClassifier needs besides the model. */
export interface ClassifierTraining {
  images: Uint8Array;
  labels: Uint8Array;
  /** Train on the first `count` images. */
  count: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  rng: Rng;
  progress?: ProgressBar;
  label: string;
}

/**
 * Fits a classifier with Adam on softmax cross-entropy of its logits, in
 * shuffled mini-batches. Throws a RangeError if the loss stops being finite.
 */
export function trainClassifier(classifier: Classifier, training: ClassifierTraining): void {
  const { images, labels, count, epochs, batchSize } = training;
  const optimizer = tf.train.adam(training.learningRate);
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = training.rng.permutation(count);
      const started = performance.now();
      let lossSum = 0, batches = 0;
      for (let start = 0; start + batchSize <= count; start += batchSize) {
        const end = start + batchSize;
        const target = new Int32Array(batchSize);
        for (let i = 0; i < batchSize; i++) target[i] = labels[order[start + i]];
        const loss = tf.tidy(() => {
          const x = imageBatch(images, start, end, order);
          const y = tf.oneHot(tf.tensor1d(target, "int32"), 10);
          return optimizer.minimize(
            () => tf.losses.softmaxCrossEntropy(y, classifier.logits.apply(x) as tf.Tensor),
            true,
          )!;
        });
        const value = loss.dataSync()[0];
        loss.dispose();
        if (!Number.isFinite(value)) {
          throw new RangeError(
            `train_classifier.ts: ${training.label} loss became ${value} in epoch ${epoch}, expected a finite number`,
          );
        }
        lossSum += value;
        batches++;
        training.progress?.update({
          label: `${training.label} ${epoch}/${epochs}`,
          done: end,
          total: count - (count % batchSize),
          loss: lossSum / batches,
          elapsed: (performance.now() - started) / 1000,
        });
      }
    }
  } finally {
    optimizer.dispose();
  }
}
