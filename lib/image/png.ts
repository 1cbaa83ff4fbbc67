import { encode } from "fast-png";
import type { GrayImage } from "./gray_image.ts";

/**
 * Encodes an 8-bit grayscale image as PNG bytes (browser-safe: no file I/O),
 * on an ArrayBuffer of their own, so they can be a Response or Blob body as they are.
 */
export function encodeGrayPng(image: GrayImage): Uint8Array<ArrayBuffer> {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  if (data.length !== width * height) {
    throw new RangeError(`${width}x${height} needs ${width * height} bytes, got ${data.length}`);
  }
  return encode({ width, height, data, depth: 8, channels: 1 }).slice();
}
