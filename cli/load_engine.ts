import { loadModelArtifacts, type ModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import type * as tf from "@tensorflow/tfjs";
import { loadReaders } from "../lib/artifacts/load_readers.ts";
import {
  createMuddleEngine,
  type MuddleEngine,
  type MuddleEngineOptions,
  type MuddleModels,
  muddleModelsFromArtifacts,
} from "../lib/muddle/mod.ts";
import { fastPasses } from "../lib/kernels/fast_passes.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";

/** An engine over a model directory, with the artifacts it came from. */
export interface LoadedEngine {
  engine: MuddleEngine;
  artifacts: ModelArtifacts;
  /** What the engine was built from, fast passes included. */
  models: MuddleModels;
  /** The held-out readers by name (loaded only with `withHoldout`; never given to the engine). */
  heldout: Record<string, tf.LayersModel>;
  dispose(): void;
}

/**
 * Starts the shared tfjs backend (lib/kernels/init_backend.ts) and loads the model
 * directory. A missing or damaged model throws an Error saying which file
 * and how to make one.
 */
export async function loadEngine(
  modelDir: string,
  withHoldout: boolean,
  options: MuddleEngineOptions = {},
): Promise<LoadedEngine> {
  await initBackend(tfjsWasmDir(new URL("../", import.meta.url)));
  const root = modelDir.endsWith("/") ? modelDir : `${modelDir}/`;
  let artifacts: ModelArtifacts;
  try {
    artifacts = await loadModelArtifacts((path) => Deno.readFile(root + path), {
      models: withHoldout
        ? ["decoder", "judge", "judge_mlp", "holdout"]
        : ["decoder", "judge", "judge_mlp"],
      train: false,
    });
  } catch (error) {
    throw new Error(
      `cannot load the model from ${modelDir}: ${(error as Error).message}. ` +
        `Expected a model directory written by \`deno task train\` (see docs/contracts.md); ` +
        `train one or pass --model DIR.`,
    );
  }
  const readFile = (path: string) => Deno.readFile(root + path);
  const readers = await loadReaders(readFile, artifacts.manifest, "panel");
  const heldout = withHoldout ? await loadReaders(readFile, artifacts.manifest, "heldout") : {};
  const models = muddleModelsFromArtifacts(artifacts, readers);
  models.fast = await fastPasses(models);
  const engine = createMuddleEngine(models, options);
  return {
    engine,
    artifacts,
    models,
    heldout,
    dispose() {
      const all = [artifacts.models, readers, heldout].flatMap((m) => Object.values(m));
      for (const model of all) model?.dispose();
    },
  };
}
