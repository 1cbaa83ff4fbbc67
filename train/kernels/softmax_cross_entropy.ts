/**
 * Mean categorical cross-entropy of softmax `probabilities` [batch, classes]
 * against integer `labels`, and the gradient with respect to the logits
 * written into `grad`: (p - onehot) / batch. Probabilities are clipped at
 * 1e-7 inside the log, as tfjs's categoricalCrossentropy does.
 */
export function softmaxCrossEntropy(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
  grad?: Float32Array,
): number {
  const batch = labels.length;
  if (probabilities.length !== batch * classes) {
    throw new RangeError(
      `softmaxCrossEntropy: ${probabilities.length} probabilities for ${batch} labels x ${classes} classes`,
    );
  }
  if (grad && grad.length !== probabilities.length) {
    throw new RangeError(
      `softmaxCrossEntropy: grad has ${grad.length} values, expected ${probabilities.length}`,
    );
  }
  let sum = 0;
  for (let b = 0; b < batch; b++) {
    const label = labels[b];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(
        `softmaxCrossEntropy: label ${b} is ${label}, expected an integer in 0..${classes - 1}`,
      );
    }
    const row = b * classes;
    sum -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, probabilities[row + label])));
    if (grad) {
      for (let c = 0; c < classes; c++) {
        grad[row + c] = (probabilities[row + c] - (c === label ? 1 : 0)) / batch;
      }
    }
  }
  return sum / batch;
}
