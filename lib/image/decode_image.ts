import { convertIndexedToRgb, decode as decodePng } from "fast-png";
import jpeg from "jpeg-js";
import { lumaFromChannels, type LumaImage } from "./luma_image.ts";

/** Largest image decodeImage accepts, in pixels (about 25 megapixels; a phone photo fits). */
export const MAX_IMAGE_PIXELS = 25_000_000;

/** The formats decodeImage reads. */
export type ImageFormat = "png" | "jpeg";

/**
 * Decodes PNG or JPEG bytes to a grayscale {@link LumaImage}. The format is
 * read from the file's signature, so a mislabelled upload still decodes; bytes
 * that are neither, or a broken file, throw a TypeError that says so, and an
 * image over {@link MAX_IMAGE_PIXELS} a RangeError. Browser-safe.
 */
export function decodeImage(bytes: Uint8Array): LumaImage {
  const format = sniffImageFormat(bytes);
  if (!format) throw new TypeError("the file is not a PNG or JPEG image (unknown signature)");
  if (format === "png") {
    // The header's size is checked before inflating, so a small file cannot claim gigapixels.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length >= 24) checkSize(view.getUint32(16), view.getUint32(20));
    let png;
    try {
      png = decodePng(bytes);
    } catch (error) {
      throw new TypeError(`the PNG image cannot be decoded (${(error as Error).message})`);
    }
    checkSize(png.width, png.height);
    if (png.palette) {
      const rgb = convertIndexedToRgb(png);
      const channels = rgb.length / (png.width * png.height);
      return lumaFromChannels(png.width, png.height, rgb, channels);
    }
    return lumaFromChannels(png.width, png.height, png.data, png.channels, 2 ** png.depth - 1);
  }
  let image;
  try {
    image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
      maxMemoryUsageInMB: 512,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/maxResolutionInMP|maxMemoryUsageInMB/.test(message)) {
      throw new RangeError(`the JPEG image is too large (${message})`);
    }
    throw new TypeError(`the JPEG image cannot be decoded (${message})`);
  }
  checkSize(image.width, image.height);
  return lumaFromChannels(image.width, image.height, image.data, 4);
}

/** "png" or "jpeg" from the first bytes of a file, or null for anything else. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "jpeg";
  }
  return null;
}

function checkSize(width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new RangeError(
      `the image is ${width}x${height}, expected at most ${
        MAX_IMAGE_PIXELS.toLocaleString("en")
      } pixels`,
    );
  }
}
