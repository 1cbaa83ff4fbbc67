/** Output size and leading padding of a 2D window op (convolution or pooling) along both axes. */
export interface ConvWindow {
  outHeight: number;
  outWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * The output size and padding of a convolution or pooling window over an
 * `inHeight` x `inWidth` input, by tfjs's (and Keras's) rules: "valid" pads
 * nothing, "same" gives ceil(in / stride) outputs and puts the odd pixel of
 * padding after, not before. Written out here so the kernels need no tfjs at
 * run time (the browser runs them without it); conv_window_test.ts checks it
 * against tfjs's own `backend_util.computeConv2DInfo`.
 */
export function convWindow(
  inShape: [number, number],
  filter: [number, number],
  strides: [number, number],
  dilations: [number, number],
  padding: "same" | "valid",
): ConvWindow {
  const [outHeight, padTop] = axis(inShape[0], filter[0], strides[0], dilations[0], padding);
  const [outWidth, padLeft] = axis(inShape[1], filter[1], strides[1], dilations[1], padding);
  if (outHeight < 1 || outWidth < 1) {
    throw new RangeError(
      `convWindow(): a ${
        filter.join("x")
      } window over [${inShape}] gives no output; expected a larger input`,
    );
  }
  return { outHeight, outWidth, padTop, padLeft };
}

function axis(
  size: number,
  filter: number,
  stride: number,
  dilation: number,
  padding: "same" | "valid",
): [number, number] {
  const effective = filter + (filter - 1) * (dilation - 1);
  if (padding === "valid") return [Math.ceil((size - effective + 1) / stride), 0];
  const out = Math.ceil(size / stride);
  const total = Math.max(0, (out - 1) * stride + effective - size);
  return [out, Math.floor(total / 2)];
}
