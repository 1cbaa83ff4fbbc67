import type { Augmentation } from "../lib/model/reader_panel.ts";
import { IMAGE_PIXELS, IMAGE_SIDE } from "../lib/model/sizes.ts";
import type { Rng } from "../lib/random/seeded_rng.ts";

/**
 * A batch transform for trainClassifier that distorts each image in place:
 * a random rotation and shift (one bilinear resample), then sometimes
 * thicker or thinner strokes. Readers trained on different distortions put
 * their borders in different places, which is what the panel needs.
 * Returns undefined when `augment` asks for nothing.
 */
export function augmenter(
  augment: Augmentation,
  rng: Rng,
): ((rows: Float32Array, n: number) => void) | undefined {
  const shift = augment.shift ?? 0, rotate = augment.rotate ?? 0;
  const thickness = augment.thickness ?? 0;
  if (shift === 0 && rotate === 0 && thickness === 0) return undefined;
  const source = new Float32Array(IMAGE_PIXELS);
  const spare = new Float32Array(IMAGE_PIXELS);
  const c = (IMAGE_SIDE - 1) / 2;
  return (rows, n) => {
    for (let i = 0; i < n; i++) {
      const image = rows.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
      source.set(image);
      const angle = (rng.next() * 2 - 1) * rotate * Math.PI / 180;
      const dx = (rng.next() * 2 - 1) * shift, dy = (rng.next() * 2 - 1) * shift;
      const cos = Math.cos(angle), sin = Math.sin(angle);
      for (let y = 0; y < IMAGE_SIDE; y++) {
        for (let x = 0; x < IMAGE_SIDE; x++) {
          // Inverse map: where in the source this output pixel comes from.
          const u = x - c - dx, v = y - c - dy;
          image[y * IMAGE_SIDE + x] = sample(source, cos * u + sin * v + c, -sin * u + cos * v + c);
        }
      }
      if (thickness > 0 && rng.next() < thickness) {
        morph(image, spare, rng.next() < 0.5 ? Math.max : Math.min, 0.5 + rng.next() * 0.5);
      }
    }
  };
}

function sample(image: Float32Array, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const fx = x - x0, fy = y - y0;
  const at = (xx: number, yy: number) =>
    xx < 0 || yy < 0 || xx >= IMAGE_SIDE || yy >= IMAGE_SIDE ? 0 : image[yy * IMAGE_SIDE + xx];
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
    (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/** Blends a 3x3 max (thicker) or min (thinner) filter into the image by `amount`. */
function morph(
  image: Float32Array,
  spare: Float32Array,
  pick: (...values: number[]) => number,
  amount: number,
): void {
  spare.set(image);
  for (let y = 0; y < IMAGE_SIDE; y++) {
    for (let x = 0; x < IMAGE_SIDE; x++) {
      let value = spare[y * IMAGE_SIDE + x];
      for (let oy = -1; oy <= 1; oy++) {
        for (let ox = -1; ox <= 1; ox++) {
          const xx = x + ox, yy = y + oy;
          const v = xx < 0 || yy < 0 || xx >= IMAGE_SIDE || yy >= IMAGE_SIDE
            ? 0
            : spare[yy * IMAGE_SIDE + xx];
          value = pick(value, v);
        }
      }
      const i = y * IMAGE_SIDE + x;
      image[i] = spare[i] + (value - spare[i]) * amount;
    }
  }
}
