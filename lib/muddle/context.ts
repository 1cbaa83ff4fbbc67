import { DIGITS } from "../model/sizes.ts";
import { fastDecode } from "./decode.ts";
import { type DigitRanges, measureDigitRanges } from "./digit_likeness.ts";
import { runJudges } from "./judge.ts";
import { latentStd } from "../latent/latent_std.ts";
import { fitLatentLda, type LatentLda } from "./latent_lda.ts";
import type { JudgeOutput, MuddleModels } from "./types.ts";

/** What every method works with: the models plus indexes built once per engine. */
export interface MuddleContext {
  models: MuddleModels;
  latentSize: number;
  /** Test-set indices of each digit. */
  byDigit: number[][];
  /** Feature ranges of real digits (see digit_likeness.ts). */
  ranges: DigitRanges;
  /** Standard deviation of each latent dimension over the test set (scales latent search). */
  latentStd: Float32Array;
  /** A cheap classifier of latents, for ranking candidate paths before decoding them. */
  lda: LatentLda;
  /** The latent of test image `index`. */
  latentOf(index: number): Float32Array;
  /** Test image `index` in 0..1 (decoded reconstruction when raw pixels are absent). */
  imageOf(index: number): Float32Array;
  decode(latents: Float32Array): Float32Array;
  judge(images: Float32Array): JudgeOutput;
  /** The panel's view of images: the judges and the readers (the judges alone without readers). */
  panel(images: Float32Array): JudgeOutput;
}

/** How many decoded reals per digit measure the digit-likeness ranges. */
const RANGE_SAMPLE = 40;

/** Checks the models' shapes and builds a {@link MuddleContext}. */
export function createContext(models: MuddleModels): MuddleContext {
  if (models.centroids.length !== DIGITS) {
    throw new RangeError(`expected ${DIGITS} centroids, got ${models.centroids.length}`);
  }
  const latentSize = models.centroids[0].length;
  const count = models.labels.length;
  if (count === 0 || models.latents.length !== count * latentSize) {
    throw new RangeError(
      `latents hold ${models.latents.length} values; expected ${count} labels x ${latentSize}`,
    );
  }
  if (models.images && models.images.length !== count * 784) {
    throw new RangeError(`images hold ${models.images.length} values; expected ${count} x 784`);
  }
  const byDigit: number[][] = Array.from({ length: DIGITS }, () => []);
  models.labels.forEach((label, index) => {
    if (label >= DIGITS) throw new RangeError(`label ${index} is ${label}; labels are 0..9`);
    byDigit[label].push(index);
  });
  const missing = byDigit.findIndex((indices) => indices.length === 0);
  if (missing >= 0) throw new RangeError(`the test set has no image of digit ${missing}`);

  const latentOf = (index: number) =>
    models.latents.slice(index * latentSize, (index + 1) * latentSize);
  // The engine runs forward passes only, so that it needs no tfjs of its own (the browser
  // runs lib/muddle without tfjs); the judges consulted are the keys of models.judges.
  const decoderPass = models.fast?.decoder;
  if (!decoderPass) {
    throw new TypeError(
      "MuddleModels.fast.decoder is missing: build the passes with fastPasses() (lib/kernels)",
    );
  }
  const judgePasses = Object.fromEntries(
    Object.keys(models.judges).map((name) => {
      const pass = models.fast?.judges?.[name];
      if (!pass) {
        throw new TypeError(
          `MuddleModels.fast.judges lacks judge "${name}": build the passes with fastPasses() (lib/kernels)`,
        );
      }
      return [name, pass];
    }),
  );
  const decode = (latents: Float32Array) => fastDecode(decoderPass, latents, latentSize);
  const judge = (images: Float32Array) => runJudges(judgePasses, images);
  // The panel is the judges and the readers together: the more varied, the better it transfers.
  const readerNames = Object.keys(models.readers ?? {});
  const readerPasses = Object.fromEntries(readerNames.map((name) => {
    const pass = models.fast?.readers?.[name];
    if (!pass) {
      throw new TypeError(
        `MuddleModels.fast.readers lacks reader "${name}": build the passes with fastPasses() (lib/kernels)`,
      );
    }
    return [name, pass];
  }));
  const everyone = { ...judgePasses, ...readerPasses };
  const panel = readerNames.length > 0
    ? (images: Float32Array) => runJudges(everyone, images)
    : judge;

  // Digit-likeness is judged against decoded reals, so the decoder's blur is not held against it.
  const sample = byDigit.flatMap((indices) => indices.slice(0, RANGE_SAMPLE));
  const sampleLatents = new Float32Array(sample.length * latentSize);
  sample.forEach((index, row) => sampleLatents.set(latentOf(index), row * latentSize));
  const ranges = measureDigitRanges(
    decode(sampleLatents),
    sample.map((index) => models.labels[index]),
  );

  return {
    models,
    latentSize,
    byDigit,
    ranges,
    latentStd: Float32Array.from(latentStd(models.latents, latentSize)),
    lda: fitLatentLda(models.latents, models.labels, latentSize),
    latentOf,
    imageOf(index: number): Float32Array {
      if (!models.images) return decode(latentOf(index));
      return Float32Array.from(
        models.images.subarray(index * 784, (index + 1) * 784),
        (v) => v / 255,
      );
    },
    decode,
    judge,
    panel,
  };
}
