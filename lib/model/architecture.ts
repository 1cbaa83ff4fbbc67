import * as tf from "@tensorflow/tfjs";

import { DIGITS, IMAGE_PIXELS, IMAGE_SIDE, LATENT_SIZE } from "./sizes.ts";

export { DIGITS, IMAGE_PIXELS, IMAGE_SIDE, LATENT_SIZE };

/** How the model differs from the reference (torch_reference.py), recorded in the manifest. */
export interface ArchitectureOptions {
  /** "linear" keeps the whole latent space; "relu" is the original's. */
  latentActivation: "linear" | "relu";
  /** "sigmoid" keeps outputs in 0..1; "relu" is the original's. */
  outputActivation: "sigmoid" | "relu";
}

/** The default architecture: the reference's layer sizes, a linear latent and a sigmoid output. */
export const DEFAULT_ARCHITECTURE: ArchitectureOptions = {
  latentActivation: "linear",
  outputActivation: "sigmoid",
};

/**
 * Encoder: 4 conv blocks (8, 16, 32, 32 filters) and a dense layer to the
 * latent. Layer sizes follow the reference: 28 -> 14 -> 7 -> 3 -> 1.
 * Input [n, 28, 28, 1] in 0..1, output [n, LATENT_SIZE].
 */
export function buildEncoder(options: ArchitectureOptions = DEFAULT_ARCHITECTURE): tf.LayersModel {
  const input = tf.input({ shape: [IMAGE_SIDE, IMAGE_SIDE, 1], name: "image" });
  // torch padding=1 with stride 2 on an even side equals TF "same" here (28->14, 14->7).
  let x = conv(8, 2, "same", "enc_conv1").apply(input) as tf.SymbolicTensor;
  x = conv(16, 2, "same", "enc_conv2").apply(x) as tf.SymbolicTensor;
  x = conv(32, 2, "valid", "enc_conv3").apply(x) as tf.SymbolicTensor;
  x = conv(32, 1, "valid", "enc_conv4").apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten({ name: "enc_flatten" }).apply(x) as tf.SymbolicTensor;
  const latent = tf.layers.dense({
    units: LATENT_SIZE,
    activation: options.latentActivation,
    name: "latent",
  }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: latent, name: "encoder" });
}

/**
 * Decoder: a dense layer and 4 transposed-conv blocks, 1 -> 3 -> 7 -> 14 -> 28.
 * Input [n, LATENT_SIZE], output [n, 28, 28, 1].
 */
export function buildDecoder(options: ArchitectureOptions = DEFAULT_ARCHITECTURE): tf.LayersModel {
  const input = tf.input({ shape: [LATENT_SIZE], name: "latent" });
  let x = tf.layers.dense({ units: 32, activation: "relu", name: "dec_dense" })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [1, 1, 32], name: "dec_reshape" }).apply(
    x,
  ) as tf.SymbolicTensor;
  x = deconv(32, "dec_deconv1").apply(x) as tf.SymbolicTensor; // 1 -> 3
  // 3 -> 7 needs torch's output size 2*(3-1)+3 = 7: "valid" stride 2 kernel 3 gives exactly that.
  x = deconv(16, "dec_deconv2").apply(x) as tf.SymbolicTensor; // 3 -> 7
  x = tf.layers.conv2dTranspose({
    filters: 8,
    kernelSize: 3,
    strides: 2,
    padding: "same",
    activation: "relu",
    name: "dec_deconv3",
  }).apply(x) as tf.SymbolicTensor; // 7 -> 14
  const image = tf.layers.conv2dTranspose({
    filters: 1,
    kernelSize: 3,
    strides: 2,
    padding: "same",
    activation: options.outputActivation,
    name: "dec_deconv4",
  }).apply(x) as tf.SymbolicTensor; // 14 -> 28
  return tf.model({ inputs: input, outputs: image, name: "decoder" });
}

function conv(filters: number, strides: number, padding: "same" | "valid", name: string) {
  return tf.layers.conv2d({ filters, kernelSize: 3, strides, padding, activation: "relu", name });
}

function deconv(filters: number, name: string) {
  return tf.layers.conv2dTranspose({
    filters,
    kernelSize: 3,
    strides: 2,
    padding: "valid",
    activation: "relu",
    name,
  });
}
