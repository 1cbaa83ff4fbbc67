import { DIGITS } from "../model/sizes.ts";
import { muddleAvg } from "./avg.ts";
import { type BoundaryOptions, DEFAULT_BOUNDARY, muddleBoundary } from "./boundary.ts";
import type { MethodChoice } from "./choice.ts";
import { createContext } from "./context.ts";
import { type FarthestObjective, muddleFarthest } from "./farthest.ts";
import { probabilityRow } from "./judge.ts";
import { nearestCentroid } from "./nearest_centroid.ts";
import { imageFeatures, isDigitLike } from "./digit_likeness.ts";
import { createRng, MAX_SEED } from "../random/seeded_rng.ts";
import { drawDistinct } from "./draw_inputs.ts";
import { sweepPath } from "./sweep_path.ts";
import {
  type JudgeVerdict,
  MUDDLE_METHODS,
  type MuddleModels,
  type MuddleRequest,
  type MuddleResult,
  type PathSweep,
} from "./types.ts";

/** The muddle engine: every method, decoding and judging, for the CLI, the API and the browser. */
export interface MuddleEngine {
  /** Length of a latent (from the centroids; 10 for the shipped model). */
  readonly latentSize: number;
  /** One muddled digit; the same request always gives the same result. */
  generate(request: MuddleRequest): MuddleResult;
  /** Decodes packed latents [n * latentSize] to packed images [n * 784] in 0..1. */
  decode(latents: Float32Array): Float32Array;
  /** The judge ensemble's verdict on each of n packed images [n * 784]. */
  judge(images: Float32Array): JudgeVerdict[];
  /** Decoded images and judge probabilities at `steps` even steps from `from` to `to`. */
  sweepPath(from: ArrayLike<number>, to: ArrayLike<number>, steps: number): PathSweep;
  /** The nearest centroid's digit other than `exclude`. */
  nearestCentroid(latent: ArrayLike<number>, exclude: number): number;
  /** How many test images of `digit` there are to start from. */
  inputsOf(digit: number): number;
  /** `count` distinct test images of `digit`, drawn uniformly with `seed` (indices). */
  drawInputs(digit: number, count: number, seed: number): number[];
  /** Whether a 784-pixel image's ink, spread and greyness lie within real digits of D or P. */
  isDigitLike(image: ArrayLike<number>, digit: number, partner: number): boolean;
}

/** Engine settings; eval uses them to compare variants of `boundary`. */
export interface MuddleEngineOptions {
  boundary?: Partial<BoundaryOptions>;
  /** `farthest`'s objective: "maximin" (default) or eval's literal "sum" variant. */
  farthest?: FarthestObjective;
}

/**
 * Creates an engine over loaded models. It holds no tensors of its own (every
 * call is tidied), so there is nothing to dispose beyond the models themselves.
 */
export function createMuddleEngine(
  models: MuddleModels,
  options: MuddleEngineOptions = {},
): MuddleEngine {
  const context = createContext(models);
  const boundary = { ...DEFAULT_BOUNDARY, ...options.boundary };
  const hasPanel = Object.keys(models.readers ?? {}).length > 0;
  // The verdict's mean is the judges'; its members are the judges and the panel readers.
  const verdicts = (images: Float32Array): JudgeVerdict[] => {
    const judged = context.judge(images);
    const members = hasPanel ? context.panel(images).members : judged.members;
    return Array.from({ length: images.length / 784 }, (_, row) => ({
      probabilities: probabilityRow(judged.mean, row),
      members: Object.fromEntries(
        Object.entries(members).map(([name, p]) => [name, probabilityRow(p, row)]),
      ),
    }));
  };
  return {
    latentSize: context.latentSize,
    generate(request: MuddleRequest): MuddleResult {
      const { digit, from } = checkRequest(request, models.labels);
      const { partner, method, seed } = request;
      const rng = createRng(seed);
      const choice: MethodChoice = method === "avg"
        ? muddleAvg(context, digit, partner, rng, from)
        : method === "farthest"
        ? muddleFarthest(context, digit, partner, rng, from, options.farthest)
        : muddleBoundary(context, digit, partner, rng, boundary, from);
      return {
        method,
        seed,
        digit,
        partner: choice.partner,
        t: choice.t,
        latent: Array.from(choice.latent),
        image: choice.image,
        from: choice.from,
        to: choice.to,
        judge: verdicts(choice.image)[0],
      };
    },
    decode: context.decode,
    judge: verdicts,
    sweepPath: (from, to, steps) => sweepPath(context, from, to, steps),
    inputsOf: (digit) => context.byDigit[digit]?.length ?? 0,
    drawInputs: (digit, count, seed) => drawDistinct(context.byDigit[digit], count, seed),
    nearestCentroid: (latent, exclude) => nearestCentroid(latent, models.centroids, exclude),
    isDigitLike: (image, digit, partner) =>
      isDigitLike(imageFeatures(image), context.ranges, digit, partner),
  };
}

/** Checks a request; returns its digit (a given input's label) and input index, if given. */
function checkRequest(
  request: MuddleRequest,
  labels: Uint8Array,
): { digit: number; from?: number } {
  const { partner, method, seed, from } = request;
  let digit = request.digit;
  if (from !== undefined) {
    if (!Number.isInteger(from) || from < 0 || from >= labels.length) {
      throw new RangeError(
        `from must be a test image index from 0 to ${labels.length - 1}, got ${from}`,
      );
    }
    if (digit !== undefined && digit !== labels[from]) {
      throw new RangeError(`digit ${digit} does not match test image ${from}, a ${labels[from]}`);
    }
    digit = labels[from];
  }
  if (digit === undefined || !Number.isInteger(digit) || digit < 0 || digit >= DIGITS) {
    throw new RangeError(`digit must be an integer from 0 to 9, got ${digit}`);
  }
  if (partner !== undefined) {
    if (!Number.isInteger(partner) || partner < 0 || partner >= DIGITS) {
      throw new RangeError(`partner must be an integer from 0 to 9, got ${partner}`);
    }
    if (partner === digit) {
      throw new RangeError(`partner must differ from digit (both are ${digit})`);
    }
  }
  if (!(MUDDLE_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(`method must be one of ${MUDDLE_METHODS.join(", ")}, got "${method}"`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  }
  return { digit, from };
}
