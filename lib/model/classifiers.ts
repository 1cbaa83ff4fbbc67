import * as tf from "@tensorflow/tfjs";
import { DIGITS, IMAGE_SIDE } from "./architecture.ts";

/** The three classifier designs trained by `deno task train`, named as in the manifest. */
export type ClassifierKind = "cnn" | "mlp" | "cnn-strided";

/** A classifier model (ending in a softmax layer) and the name of its design. */
export interface Classifier {
  model: tf.LayersModel;
  kind: ClassifierKind;
}

/**
 * The judge: a small CNN, 3x3 convolutions (16, 32) with max pooling and a
 * dense layer of 128. Cheap enough to train in the same command as the
 * autoencoder: 4 epochs, the last at a tenth of the learning rate, reach 99.1-99.2%
 * (default 5).
 * Input [n, 28, 28, 1] in 0..1, output softmax [n, 10].
 */
export function buildJudge(): Classifier {
  const input = imageInput();
  let x = conv(16, 3, 1, "judge_conv1").apply(input) as tf.SymbolicTensor; // 28
  x = tf.layers.maxPooling2d({ poolSize: 2, name: "judge_pool1" }).apply(x) as tf.SymbolicTensor;
  x = conv(32, 3, 1, "judge_conv2").apply(x) as tf.SymbolicTensor; // 14
  x = tf.layers.maxPooling2d({ poolSize: 2, name: "judge_pool2" }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten({ name: "judge_flatten" }).apply(x) as tf.SymbolicTensor; // 7*7*32
  x = dense(128, "relu", "judge_dense").apply(x) as tf.SymbolicTensor;
  return finish(input, x, "judge", "cnn");
}

/**
 * The pixel MLP judge: no convolutions, so it reads digits differently from
 * the CNN. Input [n, 28, 28, 1], output softmax [n, 10].
 */
export function buildJudgeMlp(): Classifier {
  const input = imageInput();
  let x = tf.layers.flatten({ name: "mlp_flatten" }).apply(input) as tf.SymbolicTensor;
  x = dense(128, "relu", "mlp_dense1").apply(x) as tf.SymbolicTensor;
  return finish(input, x, "judge_mlp", "mlp");
}

/**
 * The holdout classifier, of a different design from the judge: 5x5 strided
 * convolutions, no pooling, no hidden dense layer. `eval` uses it only to check results against a
 * reader the methods never consult. Input [n, 28, 28, 1], output softmax [n, 10].
 */
export function buildHoldout(): Classifier {
  const input = imageInput();
  let x = conv(16, 5, 2, "holdout_conv1").apply(input) as tf.SymbolicTensor; // 14
  x = conv(32, 5, 2, "holdout_conv2").apply(x) as tf.SymbolicTensor; // 7
  x = tf.layers.flatten({ name: "holdout_flatten" }).apply(x) as tf.SymbolicTensor;
  return finish(input, x, "holdout", "cnn-strided");
}

function imageInput(): tf.SymbolicTensor {
  return tf.input({ shape: [IMAGE_SIDE, IMAGE_SIDE, 1], name: "image" });
}

function conv(filters: number, kernelSize: number, strides: number, name: string) {
  return tf.layers.conv2d({
    filters,
    kernelSize,
    strides,
    padding: "same",
    activation: "relu",
    name,
  });
}

function dense(units: number, activation: "relu" | "linear", name: string) {
  return tf.layers.dense({ units, activation, name });
}

function finish(
  input: tf.SymbolicTensor,
  features: tf.SymbolicTensor,
  name: string,
  kind: ClassifierKind,
): Classifier {
  const logits = dense(DIGITS, "linear", `${name}_logits`).apply(features) as tf.SymbolicTensor;
  const probabilities = tf.layers.activation({ activation: "softmax", name: `${name}_softmax` })
    .apply(logits) as tf.SymbolicTensor;
  return { model: tf.model({ inputs: input, outputs: probabilities, name }), kind };
}
