import type * as tf from "@tensorflow/tfjs";
import { layersModelFromFiles } from "./layers_model_bytes.ts";
import { ArtifactError } from "./artifact_error.ts";
import {
  type ArtifactFiles,
  type LatentSet,
  loadArtifactFiles,
  type LoadArtifactsOptions,
  type ReadArtifact,
} from "./load_artifact_files.ts";
import type { ModelManifest, ModelName } from "./manifest.ts";

export { ArtifactError };
export type { LatentSet, LoadArtifactsOptions, ReadArtifact };

/** What loadModelArtifacts returns: the manifest and the parts asked for. */
export interface ModelArtifacts {
  manifest: ModelManifest;
  models: Partial<Record<ModelName, tf.LayersModel>>;
  /** [digit][latentSize]. */
  centroids?: number[][];
  test?: ArtifactFiles["test"];
  train?: LatentSet;
}

/**
 * Loads a model directory written by `deno task train` (format: docs/contracts.md)
 * and builds its tfjs LayersModels.
 *
 * Every file read is checked against the manifest's byte size and sha256,
 * and arrays against its dtype and shape (see loadArtifactFiles, which the
 * browser uses without tfjs); the first mismatch throws an ArtifactError
 * naming the file and what was expected. Models the caller receives must be
 * disposed by the caller.
 */
export async function loadModelArtifacts(
  readFile: ReadArtifact,
  options: LoadArtifactsOptions = {},
): Promise<ModelArtifacts> {
  const { modelFiles, testImages: _, ...rest } = await loadArtifactFiles(readFile, options);
  const result: ModelArtifacts = { ...rest, models: {} };
  try {
    for (
      const [name, files] of Object.entries(modelFiles) as [
        ModelName,
        ArtifactFiles["modelFiles"][ModelName],
      ][]
    ) {
      const jsonPath = `${name}/model.json`;
      result.models[name] = await layersModelFromFiles(files!, jsonPath).catch((error) => {
        throw new ArtifactError(
          jsonPath,
          `cannot be loaded as a tfjs LayersModel (${error.message})`,
        );
      });
    }
  } catch (error) {
    for (const model of Object.values(result.models)) model.dispose();
    throw error;
  }
  return result;
}
