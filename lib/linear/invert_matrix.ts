/**
 * Gauss-Jordan inverse (partial pivoting) of a small square matrix, such as
 * a 10 x 10 latent covariance or normal-equation matrix. The caller makes it
 * invertible (a ridge on the diagonal); a singular one gives non-finite values.
 */
export function invertMatrix(matrix: ArrayLike<number>[]): number[][] {
  const size = matrix.length;
  const a = Array.from(
    { length: size },
    (_, i) => [...Array.from(matrix[i]), ...Array.from({ length: size }, (_, j) => +(i === j))],
  );
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) {
      if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let j = 0; j < 2 * size; j++) a[col][j] /= p;
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const f = a[r][col];
      for (let j = 0; j < 2 * size; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(size));
}
