import type * as tf from "@tensorflow/tfjs";
import type { DecoderSmoothingRecord } from "../lib/artifacts/manifest.ts";
import { latentStd } from "../lib/latent/latent_std.ts";
import { Rng } from "../lib/random/seeded_rng.ts";
import { encodeAll, imageRows, reconstructionMse } from "./evaluate.ts";
import { createFusedTrainer } from "./kernels/fused_trainer.ts";
import { mseLoss } from "./kernels/mse_loss.ts";
import type { ProgressBar } from "../lib/progress/progress_bar.ts";

/**
 * The decoder's last phase: it learns to draw each training image from its
 * latent plus Gaussian noise (`noise` x each dimension's standard deviation
 * over the training latents), the decoder side of a VAE. Between clusters it
 * then draws in-between digits that change gradually, which widens every
 * reader's ambiguous window along a path and lets `boundary`'s panel agree
 * more often with readers it never consulted (docs/muddle.md). The encoder
 * and the latents stay as they are.
 */
export const DECODER_SMOOTHING = { epochs: 3, noise: 0.5, learningRate: 1e-4, batchSize: 32 };

/** Offset of the smoothing phase's random stream from the run's seed. */
const SEED_OFFSET = 104_729;

/** Images and their count, as the training loop holds them. */
interface Split {
  images: Uint8Array;
  count: number;
}

/**
 * Runs the smoothing phase on `decoder` in place (fused trainer, Adam,
 * seeded so that a resumed run gives the same weights) and returns what the
 * manifest records. `epochs` 0 leaves the decoder untouched.
 */
export function smoothDecoder(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  train: Split,
  test: Split,
  seed: number,
  progress: ProgressBar,
  settings = DECODER_SMOOTHING,
): DecoderSmoothingRecord {
  const started = performance.now();
  const testMseBefore = reconstructionMse(encoder, decoder, test.images, test.count);
  const { epochs, noise, batchSize } = settings;
  const latents = encodeAll(encoder, train.images, train.count);
  const size = latents.length / train.count;
  const scale = latentStd(latents, size).map((sd) => sd * noise);
  const trainer = createFusedTrainer([decoder], { learningRate: settings.learningRate });
  const rng = new Rng((seed + SEED_OFFSET) >>> 0);
  const batches = Math.floor(train.count / batchSize);
  const input = new Float32Array(batchSize * size);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = rng.permutation(train.count);
    const epochStart = performance.now();
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const start = b * batchSize;
      for (let i = 0; i < batchSize; i++) {
        const row = order[start + i];
        for (let j = 0; j < size; j++) {
          input[i * size + j] = latents[row * size + j] + scale[j] * rng.normal();
        }
      }
      const target = imageRows(train.images, start, start + batchSize, order);
      const loss = trainer.step(input, batchSize, (out, grad) => mseLoss(out, target, grad));
      if (!Number.isFinite(loss)) {
        throw new RangeError(`train: decoder smoothing loss became ${loss} in epoch ${epoch}`);
      }
      lossSum += loss;
      progress.update({
        label: `smooth decoder ${epoch}/${epochs}`,
        done: start + batchSize,
        total: batches * batchSize,
        loss: lossSum / (b + 1),
        elapsed: (performance.now() - epochStart) / 1000,
      });
    }
  }
  const testMseAfter = reconstructionMse(encoder, decoder, test.images, test.count);
  const record: DecoderSmoothingRecord = {
    epochs,
    noise,
    learningRate: settings.learningRate,
    testMseBefore: round(testMseBefore),
    testMseAfter: round(testMseAfter),
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  progress.log(
    `smooth decoder: ${epochs} epochs at latent noise ${noise} sd, test MSE ` +
      `${record.testMseBefore} -> ${record.testMseAfter} in ${record.seconds}s`,
  );
  return record;
}

function round(value: number): number {
  return Number(value.toFixed(6));
}
