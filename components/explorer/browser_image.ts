/**
 * Turning what a person draws or drops into a 28x28 digit in the browser:
 * pixels from a canvas or an image file, then lib/image's MNIST-style
 * preparation. DOM-only (canvas, createImageBitmap).
 */
import { lumaFromChannels, type LumaImage } from "../../lib/image/luma_image.ts";

/** Largest image file read, in pixels: the same bound as the API's decoder. */
const MAX_PIXELS = 25_000_000;

/** The pixels of a canvas as luma (0 black, 1 white; transparency is ink). */
export function canvasLuma(canvas: HTMLCanvasElement): LumaImage {
  const { width, height } = canvas;
  const data = canvas.getContext("2d")!.getImageData(0, 0, width, height).data;
  return lumaFromChannels(width, height, data, 4);
}

/** Decodes a PNG or JPEG file to luma; a file that is not an image rejects with a clear message. */
export async function fileLuma(file: Blob): Promise<LumaImage> {
  if (!/^image\/(png|jpeg)$/.test(file.type)) {
    throw new TypeError(
      `expected a PNG or JPEG image, got ${file.type || "a file of unknown type"}`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new TypeError("the file cannot be read as an image");
  }
  if (bitmap.width * bitmap.height > MAX_PIXELS) {
    bitmap.close();
    throw new RangeError(`the image is ${bitmap.width}x${bitmap.height}, too large to read`);
  }
  const canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [bitmap.width, bitmap.height];
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvasLuma(canvas);
}
