import type { ModelArtifacts } from "../artifacts/load_model_artifacts.ts";
import type * as tf from "@tensorflow/tfjs";
import type { MuddleModels } from "./types.ts";

/** The judges the methods consult; `holdout` is never among them. */
export const ENSEMBLE = ["judge", "judge_mlp"] as const;

/**
 * Picks what the engine needs out of loaded artifacts: the decoder, the
 * judge ensemble (CNN + pixel MLP), centroids and the test set. Load with at
 * least `models: ["decoder", "judge", "judge_mlp"]`, centroids and test;
 * `readers` is the panel from loadReaders(..., "panel"), when the directory has one.
 */
export function muddleModelsFromArtifacts(
  artifacts: ModelArtifacts,
  readers?: Record<string, tf.LayersModel>,
): MuddleModels {
  const { decoder } = artifacts.models;
  if (!decoder) throw new TypeError("the artifacts lack the decoder; load it with models");
  const judges = Object.fromEntries(ENSEMBLE.map((name) => {
    const model = artifacts.models[name];
    if (!model) throw new TypeError(`the artifacts lack the "${name}" judge; load it with models`);
    return [name, model];
  }));
  if (!artifacts.centroids) throw new TypeError("the artifacts lack centroids.json");
  if (!artifacts.test) throw new TypeError("the artifacts lack the test latents and labels");
  return {
    decoder,
    judges,
    readers,
    centroids: artifacts.centroids,
    latents: artifacts.test.latents,
    labels: artifacts.test.labels,
    images: artifacts.test.images,
  };
}
