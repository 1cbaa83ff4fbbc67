import * as tf from "@tensorflow/tfjs";
import { IMAGE_PIXELS, IMAGE_SIDE } from "../lib/model/architecture.ts";

/**
 * Images `indices[start..end)` of a raw uint8 MNIST array as floats in 0..1,
 * row-major [n, 28, 28, 1]. Without `indices`, rows start..end in order.
 */
export function imageRows(
  images: Uint8Array,
  start: number,
  end: number,
  indices?: Int32Array,
): Float32Array {
  const n = end - start;
  const values = new Float32Array(n * IMAGE_PIXELS);
  for (let i = 0; i < n; i++) {
    const row = indices ? indices[start + i] : start + i;
    const offset = row * IMAGE_PIXELS;
    for (let p = 0; p < IMAGE_PIXELS; p++) values[i * IMAGE_PIXELS + p] = images[offset + p] / 255;
  }
  return values;
}

/** The same rows as a tensor [n, 28, 28, 1]; the caller disposes it. */
export function imageBatch(
  images: Uint8Array,
  start: number,
  end: number,
  indices?: Int32Array,
): tf.Tensor4D {
  const values = imageRows(images, start, end, indices);
  return tf.tensor4d(values, [end - start, IMAGE_SIDE, IMAGE_SIDE, 1]);
}

const CHUNK = 500;

/** Mean squared reconstruction error of the autoencoder over the first `count` images. */
export function reconstructionMse(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  images: Uint8Array,
  count: number,
): number {
  let sum = 0;
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const chunkSum = tf.tidy(() => {
      const x = imageBatch(images, start, end);
      const y = decoder.predict(encoder.predict(x) as tf.Tensor) as tf.Tensor;
      return tf.sum(tf.squaredDifference(x, y));
    });
    sum += chunkSum.dataSync()[0];
    chunkSum.dispose();
  }
  return sum / (count * IMAGE_PIXELS);
}

/** Latents of the first `count` images, [count, latentSize] row-major. */
export function encodeAll(
  encoder: tf.LayersModel,
  images: Uint8Array,
  count: number,
): Float32Array {
  const latentSize = encoder.outputs[0].shape[1] as number;
  const out = new Float32Array(count * latentSize);
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const latents = tf.tidy(() => encoder.predict(imageBatch(images, start, end)) as tf.Tensor);
    out.set(latents.dataSync(), start * latentSize);
    latents.dispose();
  }
  return out;
}

/** Fraction of the first `count` images that `model` (softmax output) labels correctly. */
export function classifierAccuracy(
  model: tf.LayersModel,
  images: Uint8Array,
  labels: Uint8Array,
  count: number,
): number {
  let correct = 0;
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const predicted = tf.tidy(() =>
      tf.argMax(model.predict(imageBatch(images, start, end)) as tf.Tensor, 1)
    );
    const values = predicted.dataSync();
    predicted.dispose();
    for (let i = 0; i < values.length; i++) correct += Number(values[i] === labels[start + i]);
  }
  return correct / count;
}
