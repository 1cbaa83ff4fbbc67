/** An 8-bit grayscale raster, row-major; 0 is black, 255 white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Turns `side` x `side` values in 0..1 (one decoded digit) into an 8-bit
 * image, each pixel repeated `scale` x `scale` times (nearest neighbour,
 * so the digit stays crisp when enlarged). Ink is white, as in MNIST.
 */
export function digitToGray(values: ArrayLike<number>, side = 28, scale = 1): GrayImage {
  if (values.length !== side * side) {
    throw new RangeError(`expected ${side}x${side} = ${side * side} values, got ${values.length}`);
  }
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new RangeError(`scale must be an integer from 1 to 64, got ${scale}`);
  }
  const width = side * scale;
  const data = new Uint8Array(width * width);
  for (let y = 0; y < width; y++) {
    const sourceRow = Math.floor(y / scale) * side;
    for (let x = 0; x < width; x++) {
      data[y * width + x] = toByte(values[sourceRow + Math.floor(x / scale)]);
    }
  }
  return { width, height: width, data };
}

/** A value in 0..1 as a byte; NaN and out-of-range values are clamped. */
export function toByte(value: number): number {
  if (!(value > 0)) return 0;
  return value >= 1 ? 255 : Math.round(value * 255);
}
