import { encode } from "fast-png";

/**
 * Encodes a square grayscale image (values in 0..1, row-major) as PNG bytes,
 * each pixel repeated `scale` times in each direction.
 */
export function grayPng(
  values: ArrayLike<number>,
  side: number,
  scale = 1,
): Uint8Array<ArrayBuffer> {
  if (values.length !== side * side) {
    throw new RangeError(
      `expected ${side * side} values for a ${side}x${side} image, got ${values.length}`,
    );
  }
  if (!Number.isInteger(scale) || scale < 1 || scale > 32) {
    throw new RangeError(`scale must be an integer from 1 to 32, got ${scale}`);
  }
  const out = side * scale;
  const data = new Uint8Array(out * out);
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      const v = values[Math.floor(y / scale) * side + Math.floor(x / scale)];
      data[y * out + x] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
  }
  // A copy on its own ArrayBuffer, so it is a valid Response body.
  return encode({ width: out, height: out, data, channels: 1, depth: 8 }).slice();
}
