import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import type { ModelArtifacts } from "../artifacts/load_model_artifacts.ts";
import { muddleModelsFromArtifacts } from "./from_artifacts.ts";
import { createFixtureModels, disposeModels } from "./testing.ts";

Deno.test("muddleModelsFromArtifacts() takes the decoder, CNN + MLP judges and test set", () => {
  const fixture = createFixtureModels(5);
  const artifacts = {
    manifest: {},
    models: {
      decoder: fixture.decoder,
      judge: fixture.judges.judge,
      judge_mlp: fixture.judges.judge_mlp,
      holdout: fixture.judges.judge,
    },
    centroids: fixture.centroids,
    test: { latents: fixture.latents, labels: fixture.labels },
  } as unknown as ModelArtifacts;
  const models = muddleModelsFromArtifacts(artifacts);
  // The holdout never joins the ensemble.
  assertEquals(Object.keys(models.judges), ["judge", "judge_mlp"]);
  assertEquals(models.latents, fixture.latents);
  throws(
    () => muddleModelsFromArtifacts({ ...artifacts, models: { decoder: fixture.decoder } }),
    /lack the "judge" judge/,
  );
  throws(() => muddleModelsFromArtifacts({ ...artifacts, test: undefined }), /test latents/);
  disposeModels(fixture);
});
