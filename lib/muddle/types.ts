import type * as tf from "@tensorflow/tfjs";
import type { FastPasses, ForwardPass } from "../kernels/forward_pass.ts";

/** The generation methods, in the order the CLI and eval list them. */
export const MUDDLE_METHODS = ["avg", "farthest", "boundary"] as const;

/** One of {@link MUDDLE_METHODS}. */
export type MuddleMethod = typeof MUDDLE_METHODS[number];

/**
 * What the engine needs from the model artifacts. Build it from
 * `loadModelArtifacts()` with `muddleModelsFromArtifacts()`, or by hand in
 * tests. The engine never disposes these models: their owner does.
 */
export interface MuddleModels {
  /** latent [n, latentSize] -> image [n, 28, 28, 1] in 0..1. */
  decoder: tf.LayersModel;
  /** The judge ensemble the methods consult, by name (e.g. judge, judge_mlp). */
  judges: Record<string, tf.LayersModel>;
  /**
   * The reader panel `boundary` consults (see lib/model/reader_panel.ts), by
   * name; without it, `boundary` consults the judges instead.
   */
  readers?: Record<string, tf.LayersModel>;
  /** One centroid per digit, each latentSize long. */
  centroids: ArrayLike<number>[];
  /** Test-set latents, float32 [count * latentSize]. */
  latents: Float32Array;
  /** Test-set labels, uint8 [count]. */
  labels: Uint8Array;
  /** Raw test-set pixels, uint8 [count * 784]; `farthest` compares against them when given. */
  images?: Uint8Array;
  /**
   * The forward passes the engine runs: a decoder pass and one per judge in
   * `judges` (createMuddleEngine throws without them). Build them with
   * `fastPasses()` from lib/kernels: the fused kernels where they can plan a
   * model, tfjs otherwise. The engine itself never calls tfjs.
   */
  fast?: FastPasses;
}

export type { FastPasses, ForwardPass };

/** The ensemble's view of some images: the mean and each member's softmax. */
export interface JudgeOutput {
  /** Mean probabilities, [n * 10]. */
  mean: Float32Array;
  /** Each member's probabilities, [n * 10], by judge name. */
  members: Record<string, Float32Array>;
}

/** What the judge thinks of one output, as plain numbers (JSON-ready). */
export interface JudgeVerdict {
  /** The ensemble's mean probability of each digit (10 values). */
  probabilities: number[];
  /** Each member's probabilities, by judge name. */
  members: Record<string, number[]>;
}

/** A request for one muddled digit. */
export interface MuddleRequest {
  /** The digit D to start from, 0..9; with `from`, that image's label (and may be left out). */
  digit?: number;
  /** The test image to start from (its index); by default one of D drawn with the seed. */
  from?: number;
  /** The partner digit P (0..9, not D); by default the nearest other centroid. */
  partner?: number;
  method: MuddleMethod;
  /** 0..2^32-1; the same seed gives the same result. */
  seed: number;
}

/** One end of the path: a test-set image and its latent. */
export interface PathEnd {
  /** Index into the test set. */
  index: number;
  /** Its label. */
  digit: number;
  latent: number[];
}

/** One muddled digit with everything needed to show or check it. */
export interface MuddleResult {
  method: MuddleMethod;
  seed: number;
  digit: number;
  partner: number;
  /** Position on the path from `from` (t = 0) to `to` (t = 1). */
  t: number;
  /** The decoded latent (may leave the straight path for `boundary`). */
  latent: number[];
  /** 784 values in 0..1, row-major 28 x 28. */
  image: Float32Array;
  from: PathEnd;
  to: PathEnd;
  judge: JudgeVerdict;
}

/** The decoded images and judge probabilities at evenly spaced steps of a path. */
export interface PathSweep {
  /** t of each step, from 0 to 1 inclusive. */
  ts: number[];
  /** [steps * latentSize]. */
  latents: Float32Array;
  /** [steps * 784], each in 0..1. */
  images: Float32Array;
  /** Ensemble mean probabilities, [steps * 10]. */
  probabilities: Float32Array;
  /** Each judge's probabilities, [steps * 10]. */
  members: Record<string, Float32Array>;
}
