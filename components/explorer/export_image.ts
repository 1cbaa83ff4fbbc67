/**
 * Exports: the chosen digit as a PNG and the sweep as an animated GIF
 * (gifenc), both enlarged with crisp pixels, offered as a download.
 */

/** Nearest-neighbour enlargement of a 28x28 image (0..1) to bytes 0..255, side 28 * scale. */
export function enlarge(image: ArrayLike<number>, scale: number): Uint8Array {
  const side = 28 * scale;
  const out = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    const row = Math.floor(y / scale) * 28;
    for (let x = 0; x < side; x++) {
      out[y * side + x] = Math.round(
        Math.max(0, Math.min(1, image[row + Math.floor(x / scale)])) * 255,
      );
    }
  }
  return out;
}

/** A looping grayscale GIF of `frames` (each 784 values in 0..1), `delayMs` per frame. */
export async function sweepGif(
  frames: ArrayLike<number>[],
  scale: number,
  delayMs: number,
): Promise<Uint8Array> {
  // Loaded on first export only; Deno resolves the package as CommonJS, browsers as ESM.
  const mod = await import("gifenc");
  const GIFEncoder = mod.GIFEncoder ?? mod.default.GIFEncoder;
  const side = 28 * scale;
  const gif = GIFEncoder();
  // A fixed gray ramp is exact for grayscale, so no quantisation is needed.
  const palette = Array.from({ length: 256 }, (_, v) => [v, v, v]);
  frames.forEach((frame, i) => {
    gif.writeFrame(
      enlarge(frame, scale),
      side,
      side,
      i === 0 ? { palette, delay: delayMs, repeat: 0 } : { delay: delayMs },
    );
  });
  gif.finish();
  return gif.bytes();
}

/** A PNG blob of one digit, via a canvas. */
export async function digitPng(image: ArrayLike<number>, scale: number): Promise<Blob> {
  const side = 28 * scale;
  const canvas = document.createElement("canvas");
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext("2d")!;
  const pixels = enlarge(image, scale);
  const data = ctx.createImageData(side, side);
  for (let i = 0; i < pixels.length; i++) {
    data.data.fill(pixels[i], 4 * i, 4 * i + 3);
    data.data[4 * i + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return await new Promise((resolve, reject) =>
    canvas.toBlob((b) => b ? resolve(b) : reject(new Error("canvas.toBlob() failed")), "image/png")
  );
}

/** Offers `blob` as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
