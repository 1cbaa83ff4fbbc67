/** A grayscale raster of any size, row-major; 0 is black, 1 white. Browser-safe. */
export interface LumaImage {
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * Turns interleaved 8- or 16-bit pixels (1 gray, 2 gray+alpha, 3 RGB, 4
 * RGBA channels) into a {@link LumaImage}. When some pixels are clearly
 * transparent the alpha channel alone is the drawing: a stroke exported from
 * a canvas or an editor on a transparent background is ink whatever its
 * colour, so it becomes dark on light.
 */
export function lumaFromChannels(
  width: number,
  height: number,
  pixels: ArrayLike<number>,
  channels: number,
  maxValue = 255,
): LumaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > 4) {
    throw new RangeError(`expected 1 to 4 channels per pixel, got ${channels}`);
  }
  const n = width * height;
  if (pixels.length !== n * channels) {
    throw new RangeError(
      `a ${width}x${height} image with ${channels} channels needs ${
        n * channels
      } values, got ${pixels.length}`,
    );
  }
  const data = new Float32Array(n);
  const hasAlpha = channels === 2 || channels === 4;
  let transparent = 0;
  if (hasAlpha) {
    for (let i = 0; i < n; i++) {
      if (pixels[i * channels + channels - 1] < maxValue / 2) transparent++;
    }
  }
  if (transparent > n / 100) {
    for (let i = 0; i < n; i++) data[i] = 1 - pixels[i * channels + channels - 1] / maxValue;
    return { width, height, data };
  }
  for (let i = 0; i < n; i++) {
    const at = i * channels;
    // Rec. 601 luma, as most image tools convert to gray.
    data[i] = channels >= 3
      ? (0.299 * pixels[at] + 0.587 * pixels[at + 1] + 0.114 * pixels[at + 2]) / maxValue
      : pixels[at] / maxValue;
  }
  return { width, height, data };
}
