import { dirname, join } from "node:path";
import type * as tf from "@tensorflow/tfjs";
import { encodeArray } from "../lib/artifacts/binary_array.ts";
import { layersModelToFiles } from "../lib/artifacts/layers_model_bytes.ts";
import type { ManifestFile, ModelManifest, ModelName } from "../lib/artifacts/manifest.ts";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import { publishDirectory, recoverPublish, siblingPath } from "./atomic_files.ts";

/** Everything a model directory holds, before serialisation. */
export interface ModelDirContents {
  /** The manifest without `files`, which is filled in here. */
  manifest: Omit<ModelManifest, "files">;
  models: Record<ModelName, tf.LayersModel>;
  centroids: number[][];
  /** Binary arrays: file name, values, shape. */
  arrays: { file: string; values: Float32Array | Uint8Array; shape: number[] }[];
}

/**
 * Writes a complete model directory to a hidden staging directory beside
 * `target` (manifest.json last), then swaps it in, so `target` always holds
 * the old complete set or the new one. Returns the manifest written.
 */
export async function writeModelDirectory(
  target: string,
  contents: ModelDirContents,
): Promise<ModelManifest> {
  await Deno.mkdir(dirname(target), { recursive: true });
  await recoverPublish(target, "manifest.json");
  const staging = siblingPath(target, `staging-${Deno.pid}`);
  await Deno.remove(staging, { recursive: true }).catch(() => {});
  const files: Record<string, ManifestFile> = {};
  const put = async (path: string, bytes: Uint8Array, extra: Partial<ManifestFile> = {}) => {
    const full = join(staging, path);
    await Deno.mkdir(dirname(full), { recursive: true });
    await writeSynced(full, bytes);
    files[path] = { sha256: await sha256Hex(bytes), bytes: bytes.byteLength, ...extra };
  };
  for (const [name, model] of Object.entries(contents.models)) {
    const { modelJson, weights } = await layersModelToFiles(model);
    await put(`${name}/model.json`, modelJson);
    await put(`${name}/weights.bin`, weights);
  }
  const { latentSize } = contents.manifest.architecture;
  await put(
    "centroids.json",
    new TextEncoder().encode(JSON.stringify({ latentSize, centroids: contents.centroids })),
  );
  for (const { file, values, shape } of contents.arrays) {
    const dtype = values instanceof Uint8Array ? "uint8" : "float32";
    await put(file, encodeArray(values), { dtype, shape });
  }
  const manifest: ModelManifest = { ...contents.manifest, files };
  await writeSynced(
    join(staging, "manifest.json"),
    new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"),
  );
  await publishDirectory(staging, target);
  return manifest;
}

async function writeSynced(path: string, bytes: Uint8Array): Promise<void> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < bytes.byteLength) written += await file.write(bytes.subarray(written));
    await file.sync();
  } finally {
    file.close();
  }
}
