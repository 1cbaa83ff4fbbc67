import type * as tf from "@tensorflow/tfjs";
import { encodeArray } from "./binary_array.ts";
import { layersModelToFiles } from "./layers_model_bytes.ts";
import type { ManifestFile, ModelManifest, ModelName } from "./manifest.ts";
import { sha256Hex } from "./sha256.ts";

/** Everything a model directory holds, before serialisation. */
export interface ModelDirContents {
  /** The manifest without `files`, which is computed here. */
  manifest: Omit<ModelManifest, "files">;
  models: Record<ModelName, tf.LayersModel>;
  centroids: number[][];
  /** Binary arrays: file name, values (float32 or uint8), shape. */
  arrays: { file: string; values: Float32Array | Uint8Array; shape: number[] }[];
}

/**
 * Serialises a model directory to file bytes keyed by relative path, in the
 * order they must be written: `manifest.json` (with every other file's
 * sha256, size, dtype and shape) comes last. No I/O, so tests and writers
 * share it.
 */
export async function serializeModelDir(
  contents: ModelDirContents,
): Promise<{ files: Map<string, Uint8Array>; manifest: ModelManifest }> {
  const files = new Map<string, Uint8Array>();
  const entries: Record<string, ManifestFile> = {};
  const put = async (path: string, bytes: Uint8Array, extra: Partial<ManifestFile> = {}) => {
    files.set(path, bytes);
    entries[path] = { sha256: await sha256Hex(bytes), bytes: bytes.byteLength, ...extra };
  };
  for (const [name, model] of Object.entries(contents.models)) {
    const { modelJson, weights } = await layersModelToFiles(model);
    await put(`${name}/model.json`, modelJson);
    await put(`${name}/weights.bin`, weights);
  }
  const { latentSize } = contents.manifest.architecture;
  const centroids = JSON.stringify({ latentSize, centroids: contents.centroids });
  await put("centroids.json", new TextEncoder().encode(centroids));
  for (const { file, values, shape } of contents.arrays) {
    const dtype = values instanceof Uint8Array ? "uint8" : "float32";
    await put(file, encodeArray(values), { dtype, shape });
  }
  const manifest: ModelManifest = { ...contents.manifest, files: entries };
  files.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"));
  return { files, manifest };
}
