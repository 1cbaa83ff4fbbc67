import type * as tf from "@tensorflow/tfjs";
import { ArtifactError } from "./artifact_error.ts";
import { layersModelFromFiles } from "./layers_model_bytes.ts";
import type { ModelManifest } from "./manifest.ts";
import { readerFiles } from "./reader_manifest.ts";
import { readVerified } from "./read_verified.ts";

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
        modelJson: await readVerified(readFile, manifest, jsonPath),
        weights: await readVerified(readFile, manifest, weightsPath),
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
