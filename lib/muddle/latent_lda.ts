import { invertMatrix } from "../linear/invert_matrix.ts";
import { DIGITS } from "../model/sizes.ts";

/** A linear classifier of latents: class means, one shared covariance (LDA). */
export interface LatentLda {
  /** Softmax probabilities of each digit for packed latents [n * size], packed [n * 10]. */
  predict(latents: Float32Array): Float32Array;
}

/**
 * Fits linear discriminant analysis on labelled latents. It reads latents
 * directly, so `boundary` can rank hundreds of candidate points for the cost
 * of decoding one, and only decode the paths that look promising.
 */
export function fitLatentLda(latents: Float32Array, labels: Uint8Array, size: number): LatentLda {
  const n = labels.length;
  const means = Array.from({ length: DIGITS }, () => new Float64Array(size));
  const counts = new Float64Array(DIGITS);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let d = 0; d < size; d++) means[labels[i]][d] += latents[i * size + d];
  }
  means.forEach((mean, c) => mean.forEach((_, d) => mean[d] /= Math.max(1, counts[c])));
  // Pooled within-class covariance, with a small ridge so it always inverts.
  const cov = Array.from({ length: size }, () => new Float64Array(size));
  for (let i = 0; i < n; i++) {
    const mean = means[labels[i]];
    for (let a = 0; a < size; a++) {
      const da = latents[i * size + a] - mean[a];
      for (let b = 0; b < size; b++) cov[a][b] += da * (latents[i * size + b] - mean[b]) / n;
    }
  }
  for (let a = 0; a < size; a++) cov[a][a] += 1e-6;
  const inv = invertMatrix(cov);
  // Discriminant of class c: w_c . x + b_c with w_c = inv * mean_c, b_c = -mean_c . w_c / 2 + log prior.
  const weights = means.map((mean) =>
    inv.map((row) => row.reduce((s, v, d) => s + v * mean[d], 0))
  );
  const biases = means.map((mean, c) =>
    -0.5 * weights[c].reduce((s, w, d) => s + w * mean[d], 0) + Math.log(counts[c] / n + 1e-12)
  );
  return {
    predict(points: Float32Array): Float32Array {
      const rows = points.length / size;
      const out = new Float32Array(rows * DIGITS);
      const scores = new Float64Array(DIGITS);
      for (let r = 0; r < rows; r++) {
        let max = -Infinity;
        for (let c = 0; c < DIGITS; c++) {
          let s = biases[c];
          for (let d = 0; d < size; d++) s += weights[c][d] * points[r * size + d];
          scores[c] = s;
          max = Math.max(max, s);
        }
        let total = 0;
        for (let c = 0; c < DIGITS; c++) total += scores[c] = Math.exp(scores[c] - max);
        for (let c = 0; c < DIGITS; c++) out[r * DIGITS + c] = scores[c] / total;
      }
      return out;
    },
  };
}
