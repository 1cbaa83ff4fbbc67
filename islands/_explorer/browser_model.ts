/**
 * The model in the browser, loaded on demand (its own chunk): the decoder
 * and the judge ensemble through lib/muddle's checked loader and the
 * project's own kernels (a WebAssembly SIMD GEMM assembled at start-up, no
 * .wasm file and no tfjs to download). For models this small either beats a
 * GPU round-trip.
 */
import { farthestStep, loadModelPasses, sweepPath } from "../../lib/muddle/mod.ts";
import { fetchBytes } from "./data.ts";

/** Decoded images and judge probabilities along a path. */
export interface Sweep {
  ts: number[];
  /** [steps * 784] in 0..1. */
  images: Float32Array;
  /** Ensemble mean, [steps * 10]. */
  probabilities: Float32Array;
  /** Step whose output is farthest from both ends' outputs (lib/muddle/marks.ts). */
  farthest: number;
  /** Milliseconds spent decoding the steps, and judging them. */
  timings: { decode: number; judge: number };
}

/** What the islands call. */
export interface BrowserModel {
  /** What decodes: "WebAssembly SIMD" or, without SIMD, "JavaScript". */
  backend: string;
  latentSize: number;
  /** Packed latents -> packed images in 0..1. */
  decode(latents: Float32Array): Float32Array;
  /** Packed images -> the ensemble's mean probabilities, [n * 10]. */
  judge(images: Float32Array): Float32Array;
  /** Packed images [n * 784] in 0..1 -> packed latents (a drawn digit's); absent when the
   * model's encoder cannot run on the kernels. */
  encode?(images: Float32Array): Float32Array;
  /** `steps` evenly spaced decodes from a to b, judged. */
  sweep(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Sweep;
  /**
   * The leak check the page reports (data-tensors with ?perf=1): bytes the
   * kernels hold between calls, fixed once loaded (tfjs's tensor count before
   * the kernels replaced tfjs here), so anything kept per call shows as growth.
   */
  numTensors(): number;
}

/**
 * Loads the decoder and judges from `base` (e.g. /static/model/), checked
 * against its manifest, and warms them up at `warmSteps` (the most steps the
 * explorer sweeps at once), so that their memory is reserved once, not
 * mid-drag.
 */
export async function loadBrowserModel(
  base: string,
  latentSize: number,
  warmSteps = 64,
): Promise<BrowserModel> {
  const passes = await loadModelPasses((path) => fetchBytes(`${base}${path}`));
  if (passes.latentSize !== latentSize) {
    throw new RangeError(
      `the model's latents have ${passes.latentSize} values, the page expects ${latentSize}`,
    );
  }
  const decode = passes.decode;
  const judge = (images: Float32Array) => passes.judge(images).mean;
  judge(decode(new Float32Array(latentSize * warmSteps)));
  judge(decode(new Float32Array(latentSize)));
  return {
    backend: simd() ? "WebAssembly SIMD" : "JavaScript",
    latentSize,
    decode,
    judge,
    encode: passes.encode,
    sweep(a, b, steps) {
      let decodeMs = 0;
      const timed = (images: Float32Array) => {
        decodeMs = performance.now() - started;
        return images;
      };
      const started = performance.now();
      const swept = sweepPath(
        { latentSize, decode: (l) => timed(decode(l)), judge: passes.judge },
        a,
        b,
        steps,
      );
      const judgeMs = performance.now() - started - decodeMs;
      return {
        ts: swept.ts,
        images: swept.images,
        probabilities: swept.probabilities,
        farthest: farthestStep(swept.images, steps),
        timings: { decode: decodeMs, judge: judgeMs },
      };
    },
    numTensors: passes.heldBytes,
  };
}

/** Whether this engine runs WebAssembly SIMD (the kernels fall back to JavaScript without). */
function simd(): boolean {
  // The smallest module using a v128 value: (func (result v128) v128.const 0).
  const probe = new Uint8Array([
    0,
    97,
    115,
    109,
    1,
    0,
    0,
    0,
    1,
    5,
    1,
    96,
    0,
    1,
    123,
    3,
    2,
    1,
    0,
    10,
    22,
    1,
    20,
    0,
    253,
    12,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    11,
  ]);
  return WebAssembly.validate(probe);
}
