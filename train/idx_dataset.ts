import { join } from "node:path";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import { parseIdx } from "../lib/mnist/parse_idx.ts";
import { DIGITS, IMAGE_SIDE } from "../lib/model/architecture.ts";
import type { MnistData } from "./mnist_files.ts";
import { MNIST_FILES } from "./mnist_files.ts";

/**
 * Reads any 28x28 data set in MNIST's layout from `dir`: the four IDX files
 * under MNIST's names (train-images-idx3-ubyte, train-labels-idx1-ubyte,
 * t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte), each plain or gzipped
 * (`.gz`, as Fashion-MNIST and KMNIST are downloaded). Images and labels must
 * agree in count, labels must be 0-9, and every class must occur in the
 * training set (its centroid is a mean). `classes` are the names of classes
 * 0-9, kept for the manifest. Every failure names the file and what was expected.
 */
export async function loadIdxDataset(dir: string, classes: string[] | null): Promise<MnistData> {
  const files: MnistData["files"] = {};
  const arrays: Record<string, Uint8Array> = {};
  for (const [key, spec] of Object.entries(MNIST_FILES)) {
    const { path, bytes } = await readMaybeGzipped(join(dir, spec.name));
    const parsed = parseIdx(bytes, path, {
      kind: spec.kind,
      ...(spec.kind === "images" ? { rows: IMAGE_SIDE, cols: IMAGE_SIDE } : {}),
    });
    files[spec.name] = {
      sha256: await sha256Hex(bytes),
      count: parsed.shape[0],
      bytes: bytes.byteLength,
    };
    arrays[key] = parsed.data;
  }
  const split = (images: string, labels: string, name: string) => {
    const count = files[MNIST_FILES[labels as keyof typeof MNIST_FILES].name].count;
    const imageCount = files[MNIST_FILES[images as keyof typeof MNIST_FILES].name].count;
    if (count !== imageCount) {
      throw new RangeError(
        `${dir}: the ${name} set has ${imageCount} images but ${count} labels, expected equal counts`,
      );
    }
    const bad = arrays[labels].findIndex((label) => label >= DIGITS);
    if (bad >= 0) {
      throw new RangeError(
        `${dir}: ${name} label ${bad} is ${arrays[labels][bad]}, expected classes 0-${DIGITS - 1}`,
      );
    }
    return { images: arrays[images], labels: arrays[labels], count };
  };
  const train = split("trainImages", "trainLabels", "training");
  const test = split("testImages", "testLabels", "test");
  const missing = Array.from({ length: DIGITS }, (_, c) => c).filter((c) =>
    !train.labels.includes(c)
  );
  if (missing.length) {
    throw new RangeError(
      `${dir}: the training set has no images of class ${
        missing.join(", ")
      }; expected all ${DIGITS} classes`,
    );
  }
  if (test.count < 16) {
    throw new RangeError(
      `${dir}: the test set has ${test.count} images, expected at least 16 (UMAP needs neighbours)`,
    );
  }
  return {
    train,
    test,
    files,
    dataset: { name: dir.split("/").filter(Boolean).at(-1) ?? dir, package: "none", classes },
  };
}

async function readMaybeGzipped(path: string): Promise<{ path: string; bytes: Uint8Array }> {
  for (const [candidate, gzipped] of [[path, false], [`${path}.gz`, true]] as const) {
    let raw: Uint8Array;
    try {
      raw = await Deno.readFile(candidate);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw new Error(`${candidate}: cannot read (${(error as Error).message})`);
    }
    if (!gzipped) return { path: candidate, bytes: raw };
    try {
      const stream = new Blob([raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
        new DecompressionStream("gzip"),
      );
      return { path: candidate, bytes: new Uint8Array(await new Response(stream).arrayBuffer()) };
    } catch (error) {
      throw new TypeError(`${candidate}: not a valid gzip file (${(error as Error).message})`);
    }
  }
  throw new Error(
    `${path}: missing (nor ${path}.gz); expected the four IDX files in MNIST's layout`,
  );
}
