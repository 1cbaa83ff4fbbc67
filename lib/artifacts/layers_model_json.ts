/** One weight of a tfjs layers-model's weights manifest, as model.json lists it. */
export interface WeightManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
}

/** What {@link parseLayersModelJson} reads out of a model.json. */
export interface LayersModelJson {
  modelTopology: object;
  /** Every weight, in the order weights.bin holds them. */
  specs: WeightManifestEntry[];
}

/**
 * Parses a tfjs layers-model's model.json (the tfjs loader and the browser's
 * kernels both read it), naming `fileName` in every error: not JSON, or no
 * modelTopology and weightsManifest.
 */
export function parseLayersModelJson(bytes: Uint8Array, fileName: string): LayersModelJson {
  let json: { modelTopology?: unknown; weightsManifest?: { weights: WeightManifestEntry[] }[] };
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new TypeError(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
  if (
    !json.modelTopology || typeof json.modelTopology !== "object" ||
    !Array.isArray(json.weightsManifest)
  ) {
    throw new TypeError(
      `${fileName}: expected a tfjs layers-model with modelTopology and weightsManifest`,
    );
  }
  return {
    modelTopology: json.modelTopology,
    specs: json.weightsManifest.flatMap((group) => group.weights),
  };
}
