import type { LumaImage } from "./luma_image.ts";

/** Side of the prepared image, as in MNIST. */
const SIDE = 28;
/** The digit is scaled to fit this box, as MNIST's were. */
const BOX = 20;
/** Ink below this share of the stroke's level is paper texture or compression noise. */
const NOISE_FLOOR = 0.1;
/** A difference from the background under this (of full scale) is not ink. */
const MIN_CONTRAST = 0.15;

/**
 * Prepares any grayscale image of one digit the way MNIST's digits were made:
 * the colours are normalised (dark ink on light paper or the reverse; the
 * background is the border's median), the digit is cropped to its ink,
 * scaled to fit 20x20 with its aspect kept (area-averaged when shrinking, so
 * strokes keep their weight), and placed in 28x28 with its centre of mass in
 * the middle. Returns 784 values in 0..1, ink high, row-major. An image with
 * no ink throws a RangeError.
 */
export function prepareDigit(image: LumaImage): Float32Array {
  const { width, height, data } = image;
  if (data.length !== width * height || width < 1 || height < 1) {
    throw new RangeError(
      `a ${width}x${height} image needs ${width * height} values, got ${data.length}`,
    );
  }
  const ink = normalisedInk(image);
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const [bw, bh] = [x1 - x0 + 1, y1 - y0 + 1];
  const scale = BOX / Math.max(bw, bh);
  const [w, h] = [Math.max(1, Math.round(bw * scale)), Math.max(1, Math.round(bh * scale))];
  const box = scale < 1
    ? areaResample(ink, width, x0, y0, bw, bh, w, h)
    : bilinearResample(ink, width, x0, y0, bw, bh, w, h);
  let [mass, mx, my] = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = box[y * w + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  // Integer shift that puts the centre of mass at (14, 14), where MNIST's test digits have it
  // on average (14.01, 14.00 over the first 200).
  const dx = Math.round(SIDE / 2 - mx / mass);
  const dy = Math.round(SIDE / 2 - my / mass);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < h; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= SIDE) continue;
    for (let x = 0; x < w; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < SIDE) out[ty * SIDE + tx] = box[y * w + x];
    }
  }
  return out;
}

/** Ink in 0..1 per pixel: polarity from the border, stretched so the stroke's core is 1. */
function normalisedInk({ width, height, data }: LumaImage): Float32Array {
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(data[x], data[(height - 1) * width + x]);
  for (let y = 1; y < height - 1; y++) border.push(data[y * width], data[y * width + width - 1]);
  border.sort((a, b) => a - b);
  const background = border[border.length >> 1];
  const sign = background > 0.5 ? -1 : 1;
  const ink = new Float32Array(data.length);
  let top = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.max(0, sign * (data[i] - background));
    ink[i] = v;
    if (v > top) top = v;
  }
  if (top < MIN_CONTRAST) {
    throw new RangeError(
      "the image is blank: no ink differs from the background, expected a digit drawn on it",
    );
  }
  // The stroke's level: the 90th percentile of the pixels at least half as dark as the darkest,
  // from a histogram (no sort of megapixels), so one speck cannot set the scale.
  const bins = new Uint32Array(256);
  let core = 0;
  for (const v of ink) {
    if (v >= top / 2) {
      bins[Math.min(255, Math.floor((v / top) * 255))]++;
      core++;
    }
  }
  let seen = 0, bin = 0;
  while (bin < 255 && seen + bins[bin] < 0.9 * core) seen += bins[bin++];
  const level = ((bin + 1) / 256) * top;
  for (let i = 0; i < ink.length; i++) {
    const v = Math.min(1, ink[i] / level);
    ink[i] = v < NOISE_FLOOR ? 0 : v;
  }
  return ink;
}

/** Shrinks the box (x0, y0, bw, bh) of `src` to w x h, each output the mean of its footprint. */
function areaResample(
  src: Float32Array,
  stride: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  w: number,
  h: number,
): Float32Array {
  const out = new Float32Array(w * h);
  const [sx, sy] = [bw / w, bh / h];
  for (let oy = 0; oy < h; oy++) {
    const [ya, yb] = [oy * sy, (oy + 1) * sy];
    for (let ox = 0; ox < w; ox++) {
      const [xa, xb] = [ox * sx, (ox + 1) * sx];
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.min(bh, Math.ceil(yb)); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        const row = (y0 + y) * stride + x0;
        for (let x = Math.floor(xa); x < Math.min(bw, Math.ceil(xb)); x++) {
          sum += wy * (Math.min(xb, x + 1) - Math.max(xa, x)) * src[row + x];
        }
      }
      out[oy * w + ox] = sum / (sx * sy);
    }
  }
  return out;
}

/** Enlarges the box (x0, y0, bw, bh) of `src` to w x h by bilinear sampling at pixel centres. */
function bilinearResample(
  src: Float32Array,
  stride: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  w: number,
  h: number,
): Float32Array {
  const out = new Float32Array(w * h);
  const at = (x: number, y: number) =>
    src[(y0 + Math.min(bh - 1, Math.max(0, y))) * stride + x0 + Math.min(bw - 1, Math.max(0, x))];
  for (let oy = 0; oy < h; oy++) {
    const fy = (oy + 0.5) * (bh / h) - 0.5;
    const y = Math.floor(fy), ty = fy - y;
    for (let ox = 0; ox < w; ox++) {
      const fx = (ox + 0.5) * (bw / w) - 0.5;
      const x = Math.floor(fx), tx = fx - x;
      out[oy * w + ox] = (1 - ty) * ((1 - tx) * at(x, y) + tx * at(x + 1, y)) +
        ty * ((1 - tx) * at(x, y + 1) + tx * at(x + 1, y + 1));
    }
  }
  return out;
}
