/**
 * The site assembled as main.ts does (hardening middleware included) over the
 * hand-wired fixture models of lib/muddle/testing.ts, in process: API tests
 * call `app.fetch` directly, with no sockets and no model on disk.
 */
import type { Hono } from "hono";
import type { ModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import type { ModelManifest } from "../lib/artifacts/manifest.ts";
import { createFixtureModels, disposeModels } from "../lib/muddle/testing.ts";
import { createSite } from "../server/site.ts";
import { createHardening } from "../server/hardening.ts";
import { type ServerModel, serverModelFromArtifacts } from "../server/model.ts";

/** A fixture app and its model; call `dispose` at the end. */
export interface FixtureApp {
  app: Hono;
  model: ServerModel;
  dispose(): void;
}

/** Builds the fixture app (a two-epoch history in its manifest, for the training page). */
export function createFixtureApp(): FixtureApp {
  const models = createFixtureModels(20);
  const count = models.labels.length;
  const manifest = {
    formatVersion: 1,
    createdAt: new Date(0).toISOString(),
    dataset: { name: "fixture", package: "none", files: {}, trainCount: 0, testCount: count },
    architecture: { imageSide: 28, latentSize: 10, digits: 10 },
    training: {
      epochs: 2,
      batchSize: 32,
      backend: "cpu",
      seconds: 60,
      history: [
        { epoch: 1, trainLoss: 0.05, testMse: 0.04, seconds: 30, imagesPerSecond: 2000 },
        { epoch: 2, trainLoss: 0.03, testMse: 0.025, seconds: 30, imagesPerSecond: 2000 },
      ],
    },
    judges: { judge: { kind: "fixture", testAccuracy: 1, epochs: 0, seconds: 0 } },
    files: {},
  } as unknown as ModelManifest;
  const zeros = new Float32Array(count * 2);
  // The fixture has no raw pixels; blank images stand in for the training page and tooltips.
  const artifacts: ModelArtifacts = {
    manifest,
    models: {
      decoder: models.decoder,
      judge: models.judges.judge,
      judge_mlp: models.judges.judge_mlp,
    },
    centroids: models.centroids.map((c) => Array.from(c)),
    test: {
      latents: models.latents,
      labels: models.labels,
      pca: zeros,
      umap: zeros,
      images: models.images ?? new Uint8Array(count * 784),
    },
  };
  const model = serverModelFromArtifacts(artifacts);
  const root = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
  const app = createSite({
    model,
    modelDir: `${root}/static/model`,
    buildDir: `${root}/static/build`,
    staticDir: `${root}/static`,
    middleware: createHardening({ decodeBacklog: () => model.decodeStats().pending }).middleware,
    log: () => {},
  });
  return { app, model, dispose: () => disposeModels(models) };
}

/** A JSON POST request to the fixture app. */
export function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
