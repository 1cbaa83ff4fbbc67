/**
 * The model in the browser, loaded on demand (this module and tfjs form
 * their own chunk): the decoder and the judge ensemble on tfjs's wasm
 * backend (SIMD), falling back to the cpu backend. For models this small
 * either beats a GPU round-trip.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { decodeLatents } from "../../lib/muddle/decode.ts";
import { farthestFromBoth } from "./farthest_from_both.ts";
import { runJudges } from "../../lib/muddle/judge.ts";
import { interpolate, linspace } from "../../lib/muddle/interpolate.ts";

/** Decoded images and judge probabilities along a path. */
export interface Sweep {
  ts: number[];
  /** [steps * 784] in 0..1. */
  images: Float32Array;
  /** Ensemble mean, [steps * 10]. */
  probabilities: Float32Array;
  /** Step whose output is farthest from both ends' outputs (see farthest_from_both.ts). */
  farthest: number;
  /** Milliseconds spent decoding the steps, and judging them. */
  timings: { decode: number; judge: number };
}

/** What the islands call. */
export interface BrowserModel {
  backend: string;
  latentSize: number;
  /** Packed latents -> packed images in 0..1. */
  decode(latents: Float32Array): Float32Array;
  /** Packed images -> the ensemble's mean probabilities, [n * 10]. */
  judge(images: Float32Array): Float32Array;
  /** `steps` evenly spaced decodes from a to b, judged. */
  sweep(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Sweep;
  /** Live tfjs tensors (0 between calls: nothing leaks). */
  numTensors(): number;
}

/** The judges the engine consults (lib/muddle/from_artifacts.ts). */
const JUDGES = ["judge", "judge_mlp"];

/**
 * Loads the decoder and judges from `base` (e.g. /static/model/) and warms
 * them up; `wasmBase` is where build.ts put the wasm binaries.
 */
export async function loadBrowserModel(
  base: string,
  latentSize: number,
  wasmBase = "/static/build/",
): Promise<BrowserModel> {
  setWasmPaths(wasmBase);
  const onWasm = await tf.setBackend("wasm").catch(() => false);
  if (!onWasm) await tf.setBackend("cpu");
  await tf.ready();
  const [decoder, ...judgeModels] = await Promise.all(
    ["decoder", ...JUDGES].map((name) => tf.loadLayersModel(`${base}${name}/model.json`)),
  );
  const judges = Object.fromEntries(JUDGES.map((name, i) => [name, judgeModels[i]]));
  const decode = (latents: Float32Array) => decodeLatents(decoder, latents, latentSize);
  const judge = (images: Float32Array) => runJudges(judges, images).mean;
  // The first predict builds the graph; do it now rather than on the first drag.
  judge(decode(new Float32Array(latentSize)));
  return {
    backend: tf.getBackend(),
    latentSize,
    decode,
    judge,
    sweep(a, b, steps) {
      const ts = linspace(0, 1, steps);
      const started = performance.now();
      const images = decode(interpolate(a, b, ts));
      const decoded = performance.now();
      const probabilities = judge(images);
      const judged = performance.now();
      return {
        ts,
        images,
        probabilities,
        farthest: farthestFromBoth(images, steps),
        timings: { decode: decoded - started, judge: judged - decoded },
      };
    },
    numTensors: () => tf.memory().numTensors,
  };
}
