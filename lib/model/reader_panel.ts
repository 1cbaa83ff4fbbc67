import * as tf from "@tensorflow/tfjs";
import { DIGITS, IMAGE_SIDE } from "./sizes.ts";

/** One layer of a reader, in a small notation that the manifest can record as is. */
export type ReaderLayer =
  | { conv: number; kernel: number; stride?: number }
  | { pool: 2 }
  | { dense: number; activation?: "relu" | "tanh" };

/** How a reader's training images are distorted (each image, each epoch). */
export interface Augmentation {
  /** Largest shift in pixels, each axis. */
  shift?: number;
  /** Largest rotation in degrees. */
  rotate?: number;
  /** Chance of thickening or thinning the strokes (a 3x3 max or min blended in). */
  thickness?: number;
}

/**
 * A reader: a classifier of 28x28 images into 10 digits. `panel` readers are
 * the ones `boundary` consults; `heldout` readers are never consulted, only
 * used to measure (eval), and whole families are held out so that a
 * measurement is not flattered by a near twin of a panel member.
 */
export interface ReaderSpec {
  name: string;
  /** The design family: readers of one family share their inductive bias. */
  family: "cnn-pool" | "mlp" | "linear" | "cnn-strided" | "cnn-wide5" | "cnn-k7" | "cnn-vgg";
  role: "panel" | "heldout";
  layers: ReaderLayer[];
  augment: Augmentation;
  /** Which training images: all 60,000, or the first or second half. */
  data: "all" | "first-half" | "second-half";
  epochs: number;
  /** Offset added to the training seed, so each reader draws its own weights and shuffles. */
  seedOffset: number;
}

const P: ReaderLayer = { pool: 2 };
const SHIFT: Augmentation = { shift: 2 };
const FULL: Augmentation = { shift: 2, rotate: 12, thickness: 0.3 };

/**
 * The readers `deno task train:readers` trains. Small on purpose: `boundary`
 * runs every panel reader on each candidate image (about 40 per output), and
 * the browser may download them. The held-out families (strided CNNs without
 * pooling, 5x5- and 7x7-kernel CNNs, stacked 3x3 pairs) are absent from the panel.
 */
export const READER_PANEL: readonly ReaderSpec[] = [
  spec("cnn_a", "cnn-pool", "panel", [c(8), P, c(16), P, d(64)], {}, "all", 1),
  spec("cnn_b", "cnn-pool", "panel", [c(12), P, c(24), P, d(48)], SHIFT, "first-half", 2),
  spec("cnn_c", "cnn-pool", "panel", [c(16), P, c(16), P], FULL, "second-half", 3),
  spec("mlp_a", "mlp", "panel", [d(128)], {}, "all", 5),
  spec("mlp_b", "mlp", "panel", [d(256), d(64)], SHIFT, "first-half", 6),
  spec("mlp_c", "mlp", "panel", [d(96, "tanh")], FULL, "second-half", 7),
  spec("linear", "linear", "panel", [], SHIFT, "all", 8),
  spec(
    "held_strided",
    "cnn-strided",
    "heldout",
    [c(16, 3, 2), c(32, 3, 2), d(64)],
    SHIFT,
    "all",
    9,
  ),
  spec("held_wide5", "cnn-wide5", "heldout", [c(6, 5), P, c(16, 5), P, d(84)], FULL, "all", 10),
  // Two more held-out families, added after boundary's settings were chosen and never
  // looked at while choosing them: 7x7 then 5x5 kernels, and stacked 3x3 pairs (VGG-like).
  spec("held_k7", "cnn-k7", "heldout", [c(12, 7), P, c(24, 5), P, d(64)], SHIFT, "all", 51),
  spec("held_vgg", "cnn-vgg", "heldout", [c(8), c(8), P, c(16), c(16), P, d(64)], FULL, "all", 52),
];

/** The readers of one role, in panel order. */
export function readersOf(role: ReaderSpec["role"]): ReaderSpec[] {
  return READER_PANEL.filter((reader) => reader.role === role);
}

/**
 * Builds a reader's untrained LayersModel: its layers, then a dense softmax
 * over the 10 digits. Input [n, 28, 28, 1] in 0..1.
 */
export function buildReader(reader: ReaderSpec): tf.LayersModel {
  const input = tf.input({ shape: [IMAGE_SIDE, IMAGE_SIDE, 1], name: "image" });
  let x: tf.SymbolicTensor = input;
  let flat = false;
  reader.layers.forEach((layer, i) => {
    const name = `${reader.name}_${i}`;
    if ("conv" in layer) {
      x = tf.layers.conv2d({
        filters: layer.conv,
        kernelSize: layer.kernel,
        strides: layer.stride ?? 1,
        padding: "same",
        activation: "relu",
        name,
      }).apply(x) as tf.SymbolicTensor;
    } else if ("pool" in layer) {
      x = tf.layers.maxPooling2d({ poolSize: 2, name }).apply(x) as tf.SymbolicTensor;
    } else {
      if (!flat) x = tf.layers.flatten({ name: `${name}_flat` }).apply(x) as tf.SymbolicTensor;
      flat = true;
      x = tf.layers.dense({ units: layer.dense, activation: layer.activation ?? "relu", name })
        .apply(x) as tf.SymbolicTensor;
    }
  });
  if (!flat) x = tf.layers.flatten({ name: `${reader.name}_flat` }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: DIGITS, activation: "softmax", name: reader.name })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: reader.name });
}

function spec(
  name: string,
  family: ReaderSpec["family"],
  role: ReaderSpec["role"],
  layers: ReaderLayer[],
  augment: Augmentation,
  data: ReaderSpec["data"],
  seedOffset: number,
): ReaderSpec {
  return { name, family, role, layers, augment, data, epochs: 2, seedOffset };
}

function c(filters: number, kernel = 3, stride = 1): ReaderLayer {
  return { conv: filters, kernel, stride };
}

function d(units: number, activation: "relu" | "tanh" = "relu"): ReaderLayer {
  return { dense: units, activation };
}
