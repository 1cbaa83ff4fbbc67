import type { ArrayDtype } from "./binary_array.ts";
import type { ReaderRecord } from "./reader_manifest.ts";

/** Version of the artifact format in docs/contracts.md; bumped on incompatible changes. */
export const MANIFEST_FORMAT_VERSION = 1;

/** The five LayersModels of a model directory, each in `<name>/model.json` + `weights.bin`. */
export const MODEL_NAMES = ["encoder", "decoder", "judge", "judge_mlp", "holdout"] as const;
/** Name of one of the LayersModels. */
export type ModelName = typeof MODEL_NAMES[number];

/** One artifact file as the manifest lists it. */
export interface ManifestFile {
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
  /** For binary arrays: element type. */
  dtype?: ArrayDtype;
  /** For binary arrays: shape, first dimension the item count. */
  shape?: number[];
}

/** The decoder's smoothing phase (train/smooth_decoder.ts). */
export interface DecoderSmoothingRecord {
  epochs: number;
  /** Latent noise, in each dimension's standard deviation over the training latents. */
  noise: number;
  learningRate: number;
  /** Test reconstruction MSE before and after the phase. */
  testMseBefore: number;
  testMseAfter: number;
  seconds: number;
}

/** One epoch of autoencoder training. */
export interface EpochRecord {
  epoch: number;
  /** Mean batch MSE over the epoch. */
  trainLoss: number;
  /** MSE over the whole test set after the epoch. */
  testMse: number;
  /** Wall time of the epoch's training steps. */
  seconds: number;
  imagesPerSecond: number;
}

/** A trained classifier's summary. */
export interface JudgeRecord {
  /** "cnn", "mlp" or "cnn-strided": which design in lib/model/classifiers.ts. */
  kind: string;
  /** Accuracy on the 10,000 test images. */
  testAccuracy: number;
  epochs: number;
  seconds: number;
}

/** `manifest.json`: everything a reader needs to check and interpret the other files. */
export interface ModelManifest {
  formatVersion: number;
  createdAt: string;
  dataset: {
    name: string;
    package: string;
    files: Record<string, { sha256: string; count: number; bytes: number }>;
    trainCount: number;
    testCount: number;
    /** Names of classes 0-9 when the data set is not digits (`train --classes`). */
    classes?: string[];
  };
  architecture: {
    imageSide: number;
    latentSize: number;
    digits: number;
    latentActivation: string;
    outputActivation: string;
    encoder: string;
    decoder: string;
  };
  training: {
    epochs: number;
    batchSize: number;
    seed: number;
    learningRate: number;
    limit: number | null;
    backend: string;
    /** Wall time of the whole command, training through artifact writing. */
    seconds: number;
    history: EpochRecord[];
    /** The decoder's last phase, trained on noisy latents (absent in older models). */
    decoderSmoothing?: DecoderSmoothingRecord;
  };
  judges: Record<"judge" | "judge_mlp" | "holdout", JudgeRecord>;
  projection: {
    pca: { fittedOn: string; mean: number[]; components: number[][] };
    umap: {
      fittedOn: string;
      nNeighbors: number;
      nEpochs: number;
      minDist: number;
      seed: number;
      trainPlacement: string;
    };
  };
  /**
   * The reader panel (`deno task train:readers`), by name; absent in older
   * directories. Each reader's files are listed in `files` like any other.
   */
  readers?: Record<string, ReaderRecord>;
  /** Every file of the directory except manifest.json, keyed by path relative to it. */
  files: Record<string, ManifestFile>;
}

/**
 * The binary arrays of a model directory: file name, dtype and shape for the
 * given test and training set sizes (the shape's first dimension).
 */
export function arrayFileSpecs(
  testCount: number,
  trainCount: number,
  latentSize: number,
  pixels: number,
): { file: string; dtype: ArrayDtype; shape: number[] }[] {
  const sets: [string, number][] = [["test", testCount], ["train", trainCount]];
  const specs: { file: string; dtype: ArrayDtype; shape: number[] }[] = [];
  for (const [set, n] of sets) {
    specs.push({ file: `${set}_latents.bin`, dtype: "float32", shape: [n, latentSize] });
    specs.push({ file: `${set}_labels.bin`, dtype: "uint8", shape: [n] });
    specs.push({ file: `${set}_pca.bin`, dtype: "float32", shape: [n, 2] });
    specs.push({ file: `${set}_umap.bin`, dtype: "float32", shape: [n, 2] });
  }
  specs.push({ file: "test_images.bin", dtype: "uint8", shape: [testCount, pixels] });
  return specs;
}
