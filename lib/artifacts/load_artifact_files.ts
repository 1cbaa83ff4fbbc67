import { decodeArray } from "./binary_array.ts";
import type { LayersModelFiles } from "./layers_model_bytes.ts";
import { ArtifactError } from "./artifact_error.ts";
import { arrayFileSpecs, MODEL_NAMES, type ModelManifest, type ModelName } from "./manifest.ts";
import { parseCentroids, parseManifest } from "./parse_manifest.ts";
import { type ReadArtifact, readOrFail, readVerified } from "./read_verified.ts";

export type { ReadArtifact };

/** Which parts to load; everything is checked against the manifest before use. */
export interface LoadArtifactsOptions {
  /** LayersModels to build (default: all five). */
  models?: readonly ModelName[];
  /** centroids.json (default true). */
  centroids?: boolean;
  /** test latents, labels, PCA and UMAP (default true). */
  test?: boolean;
  /** test_images.bin, 7.8 MB (default true). */
  testImages?: boolean;
  /** the 60,000 training latents, labels and projections (default false). */
  train?: boolean;
  /** Also hash every other file the manifest lists, so a server never starts on a half model. */
  verifyAll?: boolean;
}

/** Latents, labels and 2D projections of one MNIST split. */
export interface LatentSet {
  /** [n, latentSize] row-major. */
  latents: Float32Array;
  labels: Uint8Array;
  /** [n, 2] row-major. */
  pca: Float32Array;
  /** [n, 2] row-major. */
  umap: Float32Array;
}

/** What loadArtifactFiles returns: the manifest, the parts asked for, models as checked bytes. */
export interface ArtifactFiles {
  manifest: ModelManifest;
  /** Each model's model.json and weights.bin, checked against the manifest. */
  modelFiles: Partial<Record<ModelName, LayersModelFiles>>;
  /** [digit][latentSize]. */
  centroids?: number[][];
  /** With the test set, its images too. */
  test?: LatentSet & { images?: Uint8Array };
  /** test_images.bin, [testCount * 784], whether or not the test set was asked for. */
  testImages?: Uint8Array;
  train?: LatentSet;
}

/**
 * Reads a model directory written by `deno task train` (format:
 * docs/contracts.md) through `readFile` (Deno.readFile on the server, fetch
 * in the browser), with no tfjs: the checked half of loadModelArtifacts.
 *
 * Every file read is checked against the manifest's byte size and sha256,
 * and arrays against its dtype and shape; the first mismatch throws an
 * ArtifactError naming the file and what was expected.
 */
export async function loadArtifactFiles(
  readFile: ReadArtifact,
  options: LoadArtifactsOptions = {},
): Promise<ArtifactFiles> {
  const manifest = parseManifest(await readOrFail(readFile, "manifest.json"));
  const read = (path: string) => readVerified(readFile, manifest, path);
  const { testCount, trainCount } = manifest.dataset;
  const { latentSize, imageSide } = manifest.architecture;
  const specs = new Map(
    arrayFileSpecs(testCount, trainCount, latentSize, imageSide * imageSide).map((
      s,
    ) => [s.file, s]),
  );
  const readArray = async (file: string) => {
    const spec = specs.get(file)!;
    const entry = manifest.files[file];
    if (entry && (entry.dtype !== spec.dtype || String(entry.shape) !== String(spec.shape))) {
      throw new ArtifactError(
        file,
        `manifest.json says ${entry.dtype} [${entry.shape}], expected ${spec.dtype} [${spec.shape}]`,
      );
    }
    return decodeArray(await read(file), spec.dtype, spec.shape, file);
  };
  // Files are read side by side: over fetch each is a round trip.
  const readSet = async (set: "test" | "train"): Promise<LatentSet> => {
    const [latents, labels, pca, umap] = await Promise.all(
      ["latents", "labels", "pca", "umap"].map((k) => readArray(`${set}_${k}.bin`)),
    );
    return {
      latents: latents as Float32Array,
      labels: labels as Uint8Array,
      pca: pca as Float32Array,
      umap: umap as Float32Array,
    };
  };

  const result: ArtifactFiles = { manifest, modelFiles: {} };
  const wanted = new Set<string>();
  const names = options.models ?? MODEL_NAMES;
  const models = await Promise.all(names.map(async (name) => {
    const [jsonPath, weightsPath] = [`${name}/model.json`, `${name}/weights.bin`];
    wanted.add(jsonPath).add(weightsPath);
    const [modelJson, weights] = await Promise.all([read(jsonPath), read(weightsPath)]);
    return { modelJson, weights };
  }));
  names.forEach((name, i) => result.modelFiles[name] = models[i]);
  if (options.centroids ?? true) {
    wanted.add("centroids.json");
    result.centroids = parseCentroids(await read("centroids.json"), manifest);
  }
  if (options.test ?? true) {
    result.test = await readSet("test");
    ["latents", "labels", "pca", "umap"].forEach((k) => wanted.add(`test_${k}.bin`));
  }
  if (options.testImages ?? true) {
    wanted.add("test_images.bin");
    const images = await readArray("test_images.bin") as Uint8Array;
    result.testImages = images;
    if (result.test) result.test = { ...result.test, images };
  }
  if (options.train) result.train = await readSet("train");
  if (options.verifyAll) {
    // Every file of the format must be listed (a manifest cut short fails too), and every
    // listed file must match.
    const all = new Set([
      ...MODEL_NAMES.flatMap((name) => [`${name}/model.json`, `${name}/weights.bin`]),
      "centroids.json",
      ...specs.keys(),
      ...Object.keys(manifest.files),
    ]);
    for (const path of all) if (!wanted.has(path)) await read(path);
  }
  return result;
}
