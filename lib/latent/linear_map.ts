/** An affine map from latents to a 2D map: `xy = W [latent; 1]`. */
export interface LinearMap2 {
  /** Row-major [2, dim + 1]: the last column is the offset. */
  weights: Float64Array;
  /** Maps packed latents [n * dim] to packed positions [n * 2]. */
  apply(latents: ArrayLike<number>): Float32Array;
}

/**
 * The least-squares affine map from `latents` ([n, dim]) to `coords`
 * ([n, 2]). For a linear projection such as the shipped PCA it recovers
 * that projection exactly (to float rounding), whatever it was fitted on, so
 * a new latent lands where the projection would have put it.
 */
export function fitLinearMap2(
  latents: Float32Array,
  coords: Float32Array,
  dim: number,
): LinearMap2 {
  const n = coords.length / 2;
  if (!Number.isInteger(n) || latents.length !== n * dim || n <= dim) {
    throw new RangeError(
      `linear_map.ts: ${latents.length} latent values and ${coords.length} coordinates, expected n * ${dim} and n * 2 with n > ${dim}`,
    );
  }
  const m = dim + 1;
  // Normal equations A^T A w = A^T y, both outputs at once, solved with partial pivoting.
  const ata = Array.from({ length: m }, () => new Float64Array(m + 2));
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) row[j] = latents[i * dim + j];
    row[dim] = 1;
    for (let a = 0; a < m; a++) {
      const ra = row[a];
      for (let b = 0; b < m; b++) ata[a][b] += ra * row[b];
      ata[a][m] += ra * coords[2 * i];
      ata[a][m + 1] += ra * coords[2 * i + 1];
    }
  }
  // A whisper of ridge keeps a constant latent dimension (as in small fixtures) solvable; on
  // real latents it moves the answer by far less than float32 rounding.
  let trace = 0;
  for (let a = 0; a < m; a++) trace += ata[a][a];
  for (let a = 0; a < m; a++) ata[a][a] += 1e-10 * trace / m;
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(ata[r][c]) > Math.abs(ata[pivot][c])) pivot = r;
    [ata[c], ata[pivot]] = [ata[pivot], ata[c]];
    const d = ata[c][c];
    if (Math.abs(d) < 1e-12) {
      throw new RangeError(
        `linear_map.ts: the latents are degenerate (dimension ${c} is constant)`,
      );
    }
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = ata[r][c] / d;
      if (f !== 0) { for (let k = c; k < m + 2; k++) ata[r][k] -= f * ata[c][k]; }
    }
  }
  const weights = new Float64Array(2 * m);
  for (let a = 0; a < m; a++) {
    weights[a] = ata[a][m] / ata[a][a];
    weights[m + a] = ata[a][m + 1] / ata[a][a];
  }
  return {
    weights,
    apply(input) {
      if (input.length % dim !== 0) {
        throw new RangeError(`linear_map.ts: ${input.length} values is not rows of ${dim}`);
      }
      const count = input.length / dim;
      const out = new Float32Array(count * 2);
      for (let i = 0; i < count; i++) {
        for (let k = 0; k < 2; k++) {
          let s = weights[k * m + dim];
          for (let j = 0; j < dim; j++) s += weights[k * m + j] * input[i * dim + j];
          out[2 * i + k] = s;
        }
      }
      return out;
    },
  };
}
