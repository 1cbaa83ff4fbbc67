/**
 * The muddle engine's public surface: import from here.
 *
 * @module
 */
export { createMuddleEngine, type MuddleEngine, type MuddleEngineOptions } from "./engine.ts";
export { type BoundaryOptions, DEFAULT_BOUNDARY } from "./boundary.ts";
export { type MuddleScore, scoreMuddle, SUCCESS } from "./criteria.ts";
export { createRng, type Rng } from "../random/seeded_rng.ts";
export { nearestCentroid } from "./nearest_centroid.ts";
export * from "./types.ts";
export { ENSEMBLE, muddleModelsFromArtifacts } from "./from_artifacts.ts";
export { decodeLatents } from "./decode.ts";
export { runJudges } from "./judge.ts";
export { interpolate, linspace } from "./interpolate.ts";
export { type MuddleSummary, type ScoredOutput, summarize } from "./summary.ts";
