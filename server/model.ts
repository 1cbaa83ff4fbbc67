/**
 * The model as the server sees it: the checked artifacts and the operations
 * the routes need, each returning plain arrays and leaving no tensors behind.
 */
import type * as tf from "@tensorflow/tfjs";
import { loadModelArtifacts, type ModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import type { ModelManifest } from "../lib/artifacts/manifest.ts";
import type { ForwardPass, MuddleModels } from "../lib/muddle/types.ts";
import { loadReaders } from "../lib/artifacts/load_readers.ts";
import { fastPasses } from "../lib/kernels/fast_passes.ts";
import { tfjsPass } from "../lib/kernels/tfjs_pass.ts";
import { createDecodeBatcher, type DecodeBatcherStats } from "./decode_batcher.ts";
import { createMapPlacer, type MapPlacer } from "../lib/latent/map_placer.ts";
import { parseAtlas } from "../lib/artifacts/parse_atlas.ts";
import type { ConfusionAtlas } from "../lib/muddle/atlas.ts";
import { createLatentTools, type LatentTools } from "./latent_tools.ts";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import {
  createMuddleEngine,
  type Endpoint,
  latentOf,
  type MuddleEngine,
  muddleModelsFromArtifacts,
} from "../lib/muddle/mod.ts";

/** Everything the routes need from the model. */
export interface ServerModel {
  manifest: ModelManifest;
  /**
   * The model's id: the sha256 of its manifest.json, which lists the hash of every other file.
   * /api/health and the page show it; "fixture" for models not read from files.
   */
  id: string;
  /**
   * The verified bytes of every file of the model directory (manifest.json included), by
   * relative path, when loaded from disk. The server serves /static/model/ from these, so the
   * files a browser gets are the model the API runs, even while a retrain replaces the folder.
   */
  files?: ReadonlyMap<string, Uint8Array>;
  latentSize: number;
  imageSide: number;
  /** One centroid per digit. */
  centroids: number[][];
  testCount: number;
  testLatents: Float32Array;
  testLabels: Uint8Array;
  /** Raw pixels, [testCount * 784]. */
  testImages: Uint8Array;
  /** Places latents on the PCA and UMAP maps, in the raw coordinates of test_pca/test_umap.bin. */
  placer: MapPlacer;
  /** The muddle engine over these artifacts: generate, decode, judge, sweepPath. */
  engine: MuddleEngine;
  /**
   * Decodes one latent; concurrent calls share one tfjs call (a predict call's fixed
   * cost dominates one latent's work, see server/decode_batcher.ts).
   */
  decodeOne(latent: Float32Array): Promise<Float32Array>;
  /** Resolves once no batched decode is queued (tests wait on it rather than on a timer). */
  decodeIdle(): Promise<void>;
  /** The decode batcher's counters (its backlog admits or sheds decode requests). */
  decodeStats(): DecodeBatcherStats;
  /** The latent of an endpoint: a digit's centroid, a test image, or a latent given outright. */
  latentOf(end: Endpoint): Float32Array;
  /** Encoding, neighbours, map positions and decode-anywhere estimates. */
  tools: LatentTools;
  /** The confusion atlas shipped with the model (atlas.json), if any. */
  atlas?: ConfusionAtlas;
  /** Frees the tfjs models. */
  dispose(): void;
}

/**
 * Loads and checks a model directory (docs/contracts.md). Every file the
 * manifest lists is hashed, so the server never starts on a half model; the
 * error names the file at fault.
 */
export async function loadServerModel(
  dir: string,
  options: ServerModelOptions = {},
): Promise<ServerModel> {
  // Kept as read: every one is checked against the manifest below, and served as checked.
  const files = new Map<string, Uint8Array>();
  const artifacts = await loadModelArtifacts(async (path) => {
    const bytes = await Deno.readFile(`${dir}/${path}`);
    files.set(path, bytes);
    return bytes;
  }, {
    models: ["encoder", "decoder", "judge", "judge_mlp"],
    verifyAll: true,
  });
  // The training code's fused kernels run the decoder and judges several times
  // faster than tfjs; the engine falls back to tfjs when they cannot load.
  const readers = await loadReaders(
    (path) => Deno.readFile(`${dir}/${path}`),
    artifacts.manifest,
    "panel",
  );
  const fast = await fastPasses(muddleModelsFromArtifacts(artifacts, readers));
  // The encoder runs on the same fused kernels (tfjs when they cannot load).
  const fastEncoder = await import("../lib/kernels/fast_forward.ts")
    .then((m) => m.fastForward(artifacts.models.encoder!) ?? undefined)
    .catch(() => undefined);
  const id = await sha256Hex(files.get("manifest.json")!);
  const model = serverModelFromArtifacts(artifacts, fast, {
    ...options,
    id,
    files,
    fastEncoder,
    readers,
  });
  // verifyAll has checked atlas.json's hash (it is among the files read); parsing checks its shape.
  const atlas = files.get("atlas.json");
  if (artifacts.manifest.files["atlas.json"] && atlas) model.atlas = parseAtlas(atlas);
  return model;
}

/** Options of {@link loadServerModel} and {@link serverModelFromArtifacts}. */
export interface ServerModelOptions {
  /** Longest a decode waits for its micro-batch before it is shed, in ms; default 1,000. */
  decodeWaitMs?: number;
  /** Decodes per micro-batch; default 16. */
  decodeBatch?: number;
  /** The model id (manifest hash); default "fixture". */
  id?: string;
  /** The verified files, to serve. */
  files?: ReadonlyMap<string, Uint8Array>;
  /** The encoder's fused forward pass (tfjs runs it when absent). */
  fastEncoder?: ForwardPass;
  /** The reader panel boundary consults (loadReaders(..., "panel")); none: the judges alone. */
  readers?: Record<string, tf.LayersModel>;
}

/**
 * Wraps loaded artifacts (decoder, judge, judge_mlp, centroids, test set) as a
 * `ServerModel`; `fast` are optional fused forward passes for the engine.
 */
export function serverModelFromArtifacts(
  artifacts: ModelArtifacts,
  fast?: MuddleModels["fast"],
  options: ServerModelOptions = {},
): ServerModel {
  const { manifest, models, centroids, test } = artifacts;
  if (!centroids || !test?.images) {
    throw new TypeError(
      "serverModelFromArtifacts() needs the centroids and the test set with images",
    );
  }
  const readers = options.readers ?? {};
  const muddleModels = muddleModelsFromArtifacts(artifacts, readers);
  // Without fused passes, tfjs runs every model.
  const passes = fast ?? {
    decoder: tfjsPass(muddleModels.decoder),
    judges: Object.fromEntries(
      Object.entries(muddleModels.judges).map(([name, judge]) => [name, tfjsPass(judge)]),
    ),
    readers: Object.fromEntries(
      Object.entries(readers).map(([name, reader]) => [name, tfjsPass(reader)]),
    ),
  };
  const engine = createMuddleEngine({ ...muddleModels, fast: passes });
  const { latentSize, imageSide } = manifest.architecture;
  const batcher = createDecodeBatcher((latents) => engine.decode(latents), {
    latentSize,
    imageSize: imageSide * imageSide,
    maxBatch: options.decodeBatch ?? 16,
    maxWaitMs: options.decodeWaitMs ?? 1_000,
  });
  const placer = createMapPlacer({
    latents: test.latents,
    pca: test.pca,
    umap: test.umap,
    dim: latentSize,
  });
  return {
    manifest,
    id: options.id ?? "fixture",
    files: options.files,
    latentSize,
    imageSide,
    centroids,
    testCount: test.labels.length,
    testLatents: test.latents,
    testLabels: test.labels,
    testImages: test.images,
    placer,
    engine,
    decodeOne: (latent) => batcher.decode(latent),
    decodeIdle: () => batcher.idle(),
    decodeStats: () => batcher.stats(),
    latentOf(end) {
      const latent = latentOf(end, { centroids, latents: test.latents, latentSize });
      if (!latent) throw new RangeError(`no such endpoint ${JSON.stringify(end)}`);
      return latent;
    },
    tools: createLatentTools(artifacts, placer, options.fastEncoder),
    dispose() {
      const all = [...Object.values(models), ...Object.values(readers)];
      for (const m of all as (tf.LayersModel | undefined)[]) m?.dispose();
    },
  };
}
