/**
 * The muddle engine's public surface: import from here. Nothing here loads
 * tfjs at run time (the engine runs forward passes: lib/kernels/fast_passes.ts
 * builds them), so the browser bundles it without tfjs.
 *
 * @module
 */
export { createMuddleEngine, type MuddleEngine, type MuddleEngineOptions } from "./engine.ts";
export { type FarthestObjective } from "./farthest.ts";
export { type BoundaryOptions, DEFAULT_BOUNDARY } from "./boundary.ts";
export { type MuddleScore, scoreMuddle, SUCCESS } from "./criteria.ts";
export { createRng, MAX_SEED, type Rng } from "../random/seeded_rng.ts";
export { nearestCentroid } from "./nearest_centroid.ts";
export * from "./types.ts";
export { ENSEMBLE, muddleModelsFromArtifacts } from "./from_artifacts.ts";
export { fastDecode } from "./decode.ts";
export { probabilityRow, runJudges } from "./judge.ts";
export { type AtlasCell, computeAtlas, type ConfusionAtlas } from "./atlas.ts";
export { interpolate, linspace } from "./interpolate.ts";
export { type MuddleSummary, type ScoredOutput, summarize } from "./summary.ts";
export { MAX_SWEEP_STEPS, sweepPath } from "./sweep_path.ts";
export { farthestStep, mostSplitStep, type PathMarks, pathMarks } from "./marks.ts";
export { type Endpoint, type EndpointRef, latentOf, type LatentSource } from "./endpoint.ts";
export { loadModelPasses, type ModelPasses } from "./model_passes.ts";
