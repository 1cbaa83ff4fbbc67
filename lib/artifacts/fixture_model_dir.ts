import * as tf from "@tensorflow/tfjs";
import {
  buildDecoder,
  buildEncoder,
  DIGITS,
  IMAGE_PIXELS,
  IMAGE_SIDE,
  LATENT_SIZE,
} from "../model/architecture.ts";
import { buildHoldout, buildJudge, buildJudgeMlp } from "../model/classifiers.ts";
import { MANIFEST_FORMAT_VERSION } from "./manifest.ts";
import { serializeModelDir } from "./serialize_model_dir.ts";

/**
 * A complete, valid but untrained model directory in memory, for tests:
 * the real architectures with initial weights and small random arrays of
 * `testCount` and `trainCount` rows. Returns file bytes by relative path.
 */
export async function fixtureModelDir(
  { testCount = 20, trainCount = 30 }: { testCount?: number; trainCount?: number } = {},
): Promise<Map<string, Uint8Array>> {
  const models = {
    encoder: buildEncoder(),
    decoder: buildDecoder(),
    judge: buildJudge().model,
    judge_mlp: buildJudgeMlp().model,
    holdout: buildHoldout().model,
  };
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const floats = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);
  const bytes = (n: number, max: number) =>
    Uint8Array.from({ length: n }, () => Math.floor(random() * max));
  const judge = { kind: "cnn", testAccuracy: 0.1, epochs: 0, seconds: 0 };
  try {
    const { files } = await serializeModelDir({
      manifest: {
        formatVersion: MANIFEST_FORMAT_VERSION,
        createdAt: new Date(0).toISOString(),
        dataset: { name: "mnist", package: "fixture", files: {}, trainCount, testCount },
        architecture: {
          imageSide: IMAGE_SIDE,
          latentSize: LATENT_SIZE,
          digits: DIGITS,
          latentActivation: "linear",
          outputActivation: "sigmoid",
          encoder: "conv 8,16,32,32 + dense 10",
          decoder: "dense 32 + deconv 32,16,8,1",
        },
        training: {
          epochs: 0,
          batchSize: 32,
          seed: 0,
          learningRate: 0.001,
          limit: null,
          backend: tf.getBackend(),
          seconds: 0,
          history: [],
        },
        judges: {
          judge,
          judge_mlp: { ...judge, kind: "mlp" },
          holdout: { ...judge, kind: "cnn-strided" },
        },
        projection: {
          pca: { fittedOn: "test", mean: new Array(LATENT_SIZE).fill(0), components: [[1], [1]] },
          umap: {
            fittedOn: "test",
            seed: 0,
            nNeighbors: 15,
            nEpochs: 0,
            minDist: 0.1,
            trainPlacement: "knn",
          },
        },
      },
      models,
      centroids: Array.from({ length: DIGITS }, () => Array.from(floats(LATENT_SIZE))),
      arrays: [
        ...(["test", "train"] as const).flatMap((set) => {
          const n = set === "test" ? testCount : trainCount;
          return [
            {
              file: `${set}_latents.bin`,
              values: floats(n * LATENT_SIZE),
              shape: [n, LATENT_SIZE],
            },
            { file: `${set}_labels.bin`, values: bytes(n, DIGITS), shape: [n] },
            { file: `${set}_pca.bin`, values: floats(n * 2), shape: [n, 2] },
            { file: `${set}_umap.bin`, values: floats(n * 2), shape: [n, 2] },
          ];
        }),
        {
          file: "test_images.bin",
          values: bytes(testCount * IMAGE_PIXELS, 256),
          shape: [testCount, IMAGE_PIXELS],
        },
      ],
    });
    return files;
  } finally {
    Object.values(models).forEach((model) => model.dispose());
  }
}
