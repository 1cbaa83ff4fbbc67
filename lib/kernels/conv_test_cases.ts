import * as tf from "@tensorflow/tfjs";
import { type ConvGeometry, geometryFromConvInfo } from "./conv_geometry.ts";
import { Rng } from "../random/seeded_rng.ts";

/** One random convolution for the kernel tests: its tfjs attributes and geometry. */
export interface ConvCase {
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  dilations: [number, number];
  pad: "same" | "valid" | number;
  g: ConvGeometry;
}

/** A seeded generator of floats in [0, 1) (the project's Rng), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  const rng = new Rng(seed >>> 0);
  return () => rng.next();
}

/**
 * Random convolution cases covering batch sizes, odd and even sides, 1..3
 * filters, strides 1-2, "same"/"valid"/explicit padding, channel counts
 * 1..12 (including the multiple-of-4 and leftover paths of the GEMM), and,
 * when asked, dilation 2.
 */
export function randomConvCases(count: number, seed: number, allowDilation = false): ConvCase[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const cases: ConvCase[] = [];
  while (cases.length < count) {
    const xShape: [number, number, number, number] = [
      pick([1, 2, 3, 5]),
      pick([1, 2, 3, 5, 7, 8, 14]),
      pick([1, 3, 4, 6, 7, 9]),
      pick([1, 2, 3, 4, 8, 12]),
    ];
    const filterShape: [number, number, number, number] = [
      pick([1, 2, 3]),
      pick([1, 2, 3]),
      xShape[3],
      pick([1, 3, 4, 5, 8, 16]),
    ];
    const strides: [number, number] = [pick([1, 2]), pick([1, 2])];
    const dilation = allowDilation && strides[0] === 1 && strides[1] === 1 ? pick([1, 2]) : 1;
    const dilations: [number, number] = [dilation, dilation];
    const pad = pick<"same" | "valid" | number>(["same", "valid", 0, 1]);
    const effH = (filterShape[0] - 1) * dilation + 1, effW = (filterShape[1] - 1) * dilation + 1;
    if (pad === "valid" && (effH > xShape[1] || effW > xShape[2])) continue;
    if (pad === 0 && (effH > xShape[1] || effW > xShape[2])) continue;
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    cases.push({ xShape, filterShape, strides, dilations, pad, g: geometryFromConvInfo(info) });
  }
  return cases;
}

/** Random values in -1..1 with some exact zeros (ReLU outputs have many). */
export function randomValues(size: number, rand: () => number): Float32Array {
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = rand() < 0.2 ? 0 : rand() * 2 - 1;
  return v;
}

/** Largest |a - b| relative to max(1, |b|): float tolerance for sums of products. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  }
  return worst;
}

/** Deterministic weights (uniform, scaled by fan-in as glorot would): tests must not be flaky. */
export function seedModelWeights(models: tf.LayersModel[], seed: number) {
  const rand = seededRandom(seed);
  for (const m of models) {
    const values = m.getWeights().map((w) => {
      const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 10;
      const scale = Math.sqrt(3 / fanIn);
      return tf.tensor(new Float32Array(w.size).map(() => (rand() * 2 - 1) * scale), w.shape);
    });
    m.setWeights(values);
    tf.dispose(values);
  }
}
