import { IMAGE_PIXELS } from "../model/sizes.ts";
import type { ForwardPass } from "./types.ts";

/**
 * Decodes packed latents [n * latentSize] to packed images [n * 784] in 0..1
 * with a forward pass of the decoder (fused kernels, or tfjs: see
 * MuddleModels.fast). Checks the latents, and clamps in case a decoder with
 * a relu output overshoots 1. No tfjs here: the browser runs it too.
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
    throw new RangeError(
      `the decoder returned ${values.length / n} values per image; expected ${IMAGE_PIXELS}`,
    );
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
