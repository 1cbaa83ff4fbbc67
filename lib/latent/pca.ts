/** A fitted 2D PCA: project with `(x - mean) . component` for each of the two components. */
export interface Pca2 {
  mean: number[];
  /** The two leading principal axes, unit length, largest variance first. */
  components: [number[], number[]];
}

/**
 * Fits a 2D PCA to `data` ([n, dim] row-major). Deterministic: each axis's
 * sign is fixed so that its largest coordinate is positive.
 */
export function fitPca2(data: Float32Array, dim: number): Pca2 {
  const n = data.length / dim;
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`pca.ts: ${data.length} values is not at least 2 rows of ${dim}`);
  }
  const mean = new Array<number>(dim).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += data[i * dim + j] / n;
  const cov = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      const da = data[i * dim + a] - mean[a];
      for (let b = a; b < dim; b++) cov[a][b] += da * (data[i * dim + b] - mean[b]) / (n - 1);
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a][b] = cov[b][a];
  const { values, vectors } = jacobiEigen(cov);
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const axis = (k: number) => {
    const v = vectors.map((row) => row[order[k]]);
    const big = v.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
    return big < 0 ? v.map((x) => -x) : v;
  };
  return { mean, components: [axis(0), axis(1)] };
}

/** Projects `data` ([n, dim]) with a fitted PCA; returns [n, 2] row-major. */
export function projectPca2(data: Float32Array, dim: number, pca: Pca2): Float32Array {
  if (pca.mean.length !== dim) {
    throw new RangeError(`pca.ts: PCA fitted on ${pca.mean.length} dimensions, data has ${dim}`);
  }
  const n = data.length / dim;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (data[i * dim + j] - pca.mean[j]) * pca.components[k][j];
      out[i * 2 + k] = s;
    }
  }
  return out;
}

// Cyclic Jacobi rotations: exact enough and simple for the 10 x 10 covariance here.
function jacobiEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => row.slice());
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => +(i === j)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [a[k][p], a[k][q]];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [a[p][k], a[q][k]];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const [vkp, vkq] = [v[k][p], v[k][q]];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}
