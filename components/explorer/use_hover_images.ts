/**
 * The hovered point's real image (test images only: training pixels are not
 * shipped) and its reconstruction, computed once per point rather than per
 * pointer move.
 */
import { useMemo } from "preact/hooks";
import type { BrowserModel } from "../../islands/_explorer/browser_model.ts";
import type { PointSet } from "../../islands/_explorer/data.ts";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";

/** Real pixels (0..255) and the decoded image (0..1) of point `index`, each null while unknown. */
export function useHoverImages(
  index: number | null,
  points: PointSet | null,
  testImages: Uint8Array | null,
  model: BrowserModel | null,
  latentSize: number,
): { real: Uint8Array | null; decoded: Float32Array | null } {
  return useMemo(() => {
    if (index === null || !points) return { real: null, decoded: null };
    const latent = points.latents.slice(index * latentSize, (index + 1) * latentSize);
    const real = index < points.testCount && testImages
      ? testImages.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS)
      : null;
    return { real, decoded: model ? model.decode(latent) : null };
  }, [index, points, testImages, model]);
}
