import type { Classifier } from "../lib/model/classifiers.ts";
import { createClassifierTrainer } from "./classifier_step.ts";
import { imageRows } from "./evaluate.ts";
import type { ProgressBar } from "../lib/progress/progress_bar.ts";
import type { Rng } from "../lib/random/seeded_rng.ts";

/** What trainClassifier needs besides the model. */
export interface ClassifierTraining {
  images: Uint8Array;
  labels: Uint8Array;
  /** Train on the first `count` images. */
  count: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Learning rate of the last epoch (when there are two or more): a cool-down that settles the weights. */
  finalLearningRate?: number;
  rng: Rng;
  progress?: ProgressBar;
  label: string;
  /** Called after each epoch (e.g. to measure test accuracy as training goes). */
  onEpoch?: (epoch: number) => void;
  /** Train on these image indices instead of the first `count` (count is then ignored). */
  subset?: Int32Array;
  /** Distorts a batch of rows [n * 784] in place before the step (augmentation). */
  transform?: (rows: Float32Array, n: number) => void;
}

/**
 * Fits a classifier with Adam on softmax cross-entropy in shuffled
 * mini-batches, using the project's fused trainer (train/classifier_step.ts).
 * Throws a RangeError naming the classifier if the loss stops being finite.
 */
export function trainClassifier(classifier: Classifier, training: ClassifierTraining): void {
  const { images, labels, epochs, batchSize, subset } = training;
  const count = subset ? subset.length : training.count;
  let trainer = createClassifierTrainer(classifier.model, {
    learningRate: training.learningRate,
  });
  const batches = Math.floor(count / batchSize);
  const target = new Int32Array(batchSize);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (epoch === epochs && epochs > 1 && training.finalLearningRate !== undefined) {
      // Same Adam moments, smaller steps.
      const state = trainer.getOptimizerState();
      trainer = createClassifierTrainer(classifier.model, {
        learningRate: training.finalLearningRate,
      });
      trainer.setOptimizerState(state);
    }
    const shuffled = training.rng.permutation(count);
    const order = subset ? shuffled.map((i) => subset[i]) : shuffled;
    const started = performance.now();
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const start = b * batchSize;
      for (let i = 0; i < batchSize; i++) target[i] = labels[order[start + i]];
      const rows = imageRows(images, start, start + batchSize, order);
      training.transform?.(rows, batchSize);
      const loss = trainer.stepBatch(rows, target);
      if (!Number.isFinite(loss)) {
        throw new RangeError(
          `train_classifier.ts: ${training.label} loss became ${loss} in epoch ${epoch}, expected a finite number`,
        );
      }
      lossSum += loss;
      training.progress?.update({
        label: `${training.label} ${epoch}/${epochs}`,
        done: start + batchSize,
        total: batches * batchSize,
        loss: lossSum / (b + 1),
        elapsed: (performance.now() - started) / 1000,
      });
    }
    training.onEpoch?.(epoch);
  }
}
