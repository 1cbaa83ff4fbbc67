/**
 * Mean squared error over all values, and its gradient with respect to
 * `prediction` written into `grad`: 2 (prediction - target) / n. Matches
 * `tf.losses.meanSquaredError` with default reduction. Sums in float64.
 */
export function mseLoss(
  prediction: Float32Array,
  target: Float32Array,
  grad?: Float32Array,
): number {
  const n = prediction.length;
  if (target.length !== n) {
    throw new RangeError(`mseLoss: prediction has ${n} values, target ${target.length}`);
  }
  if (grad && grad.length !== n) {
    throw new RangeError(`mseLoss: grad has ${grad.length} values, expected ${n}`);
  }
  let sum = 0;
  const scale = 2 / n;
  for (let i = 0; i < n; i++) {
    const d = prediction[i] - target[i];
    sum += d * d;
    if (grad) grad[i] = scale * d;
  }
  return sum / n;
}
