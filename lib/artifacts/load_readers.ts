import type * as tf from "@tensorflow/tfjs";
import { ArtifactError } from "./artifact_error.ts";
import { layersModelFromFiles } from "./layers_model_bytes.ts";
import type { ModelManifest } from "./manifest.ts";
import { readerFiles } from "./reader_manifest.ts";
import { sha256Hex } from "./sha256.ts";

/**
 * Loads the readers of `role` that manifest.json lists (none when it has no
 * `readers` section), each file checked against its size and sha256; a
 * mismatch throws an ArtifactError naming the file. The caller disposes the models.
 */
export async function loadReaders(
  readFile: (path: string) => Promise<Uint8Array>,
  manifest: ModelManifest,
  role: "panel" | "heldout",
): Promise<Record<string, tf.LayersModel>> {
  const readers: Record<string, tf.LayersModel> = {};
  try {
    for (const [name, record] of Object.entries(manifest.readers ?? {})) {
      if (record.role !== role) continue;
      const [jsonPath, weightsPath] = readerFiles(name);
      const files = {
        modelJson: await checked(readFile, manifest, jsonPath),
        weights: await checked(readFile, manifest, weightsPath),
      };
      readers[name] = await layersModelFromFiles(files, jsonPath).catch((error) => {
        throw new ArtifactError(
          jsonPath,
          `cannot be loaded as a tfjs LayersModel (${error.message})`,
        );
      });
    }
  } catch (error) {
    for (const model of Object.values(readers)) model.dispose();
    throw error;
  }
  return readers;
}

async function checked(
  readFile: (path: string) => Promise<Uint8Array>,
  manifest: ModelManifest,
  path: string,
): Promise<Uint8Array> {
  const entry = manifest.files[path];
  if (!entry) throw new ArtifactError(path, "not listed in manifest.json");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ArtifactError(path, `cannot be read (${(error as Error).message})`);
  }
  if (bytes.byteLength !== entry.bytes) {
    throw new ArtifactError(
      path,
      `${bytes.byteLength} bytes, manifest.json expects ${entry.bytes}`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) {
    throw new ArtifactError(path, `sha256 ${hash} does not match manifest.json's ${entry.sha256}`);
  }
  return bytes;
}
