import * as tf from "@tensorflow/tfjs";
import { IMAGE_PIXELS, IMAGE_SIDE } from "../model/architecture.ts";
import type { ForwardPass } from "./types.ts";

/**
 * Decodes packed latents [n * latentSize] to packed images [n * 784] in 0..1.
 * Runs inside tf.tidy, so no tensors outlive the call.
 */
export function decodeLatents(
  decoder: tf.LayersModel,
  latents: Float32Array,
  latentSize: number,
): Float32Array {
  checkLatents(latents, latentSize);
  const n = latents.length / latentSize;
  const output = tf.tidy(() => {
    const image = decoder.predict(tf.tensor2d(latents, [n, latentSize])) as tf.Tensor;
    // Clamp in case a decoder with a relu output overshoots 1.
    return image.clipByValue(0, 1);
  });
  // Read outside tidy: tidy walks a returned typed array element by element looking for
  // tensors, which cost a third of the server's decode time.
  let values: Float32Array;
  try {
    values = output.dataSync() as Float32Array;
  } finally {
    output.dispose();
  }
  if (values.length !== n * IMAGE_PIXELS) {
    throw new RangeError(
      `decoder returned ${
        values.length / n
      } values per image; expected ${IMAGE_SIDE}x${IMAGE_SIDE}`,
    );
  }
  return values;
}

/**
 * Decodes with a faster forward pass of the same decoder (see
 * MuddleModels.fast), checked and clamped exactly as {@link decodeLatents}.
 */
export function fastDecode(
  forward: ForwardPass,
  latents: Float32Array,
  latentSize: number,
): Float32Array {
  checkLatents(latents, latentSize);
  const n = latents.length / latentSize;
  const values = forward(latents, n);
  if (values.length !== n * IMAGE_PIXELS) {
    throw new RangeError(`the fast decoder returned ${values.length / n} values per image`);
  }
  for (let i = 0; i < values.length; i++) values[i] = Math.min(1, Math.max(0, values[i]));
  return values;
}

function checkLatents(latents: Float32Array, latentSize: number): void {
  if (!Number.isInteger(latentSize) || latentSize < 1) {
    throw new RangeError(`latentSize must be a positive integer, got ${latentSize}`);
  }
  if (latents.length === 0 || latents.length % latentSize !== 0) {
    throw new RangeError(
      `latents must hold a positive multiple of ${latentSize} values, got ${latents.length}`,
    );
  }
  for (let i = 0; i < latents.length; i++) {
    if (!Number.isFinite(latents[i])) {
      throw new RangeError(`latent value ${i} is ${latents[i]}; every value must be finite`);
    }
  }
}
