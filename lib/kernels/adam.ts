/** Adam hyper-parameters; the defaults are tfjs's `tf.train.adam` defaults. */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tfjs uses the backend's epsilon, 1e-7 for float32. */
  epsilon?: number;
}

/**
 * One Adam update over every parameter in a single loop, the same arithmetic
 * as tfjs's AdamOptimizer: m and v are the first and second moments, `step`
 * is the 1-based number of this update (for the bias correction).
 */
export function adamUpdate(
  params: Float32Array,
  grads: Float32Array,
  m: Float32Array,
  v: Float32Array,
  step: number,
  options: AdamOptions,
): void {
  const n = params.length;
  if (grads.length !== n || m.length !== n || v.length !== n) {
    throw new RangeError(
      `adamUpdate: params ${n}, grads ${grads.length}, m ${m.length}, v ${v.length} must all be equal`,
    );
  }
  if (!Number.isInteger(step) || step < 1) {
    throw new RangeError(`adamUpdate: step must be an integer >= 1, got ${step}`);
  }
  const { learningRate: lr, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = options;
  const c1 = 1 / (1 - Math.pow(beta1, step));
  const c2 = 1 / (1 - Math.pow(beta2, step));
  const k1 = 1 - beta1, k2 = 1 - beta2;
  for (let i = 0; i < n; i++) {
    const g = grads[i];
    const mi = m[i] = beta1 * m[i] + k1 * g;
    const vi = v[i] = beta2 * v[i] + k2 * g * g;
    params[i] -= lr * (mi * c1) / (Math.sqrt(vi * c2) + epsilon);
  }
}
