import { join } from "node:path";
import { readerFiles } from "../lib/artifacts/reader_manifest.ts";
import { layersModelToFiles } from "../lib/artifacts/layers_model_bytes.ts";
import type { ModelManifest } from "../lib/artifacts/manifest.ts";
import { parseManifest } from "../lib/artifacts/parse_manifest.ts";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import { writeFileAtomic } from "../files/atomic_files.ts";
import type { TrainedReader } from "./train_readers.ts";
import type { SerializedReader } from "./readers_in_worker.ts";

/**
 * Adds trained readers to an existing model directory without touching its
 * other files: each reader's files are written (atomically), then
 * manifest.json is rewritten last with their hashes and records, so a
 * reader never sees a manifest that lists a file not yet complete. Readers
 * the manifest listed before and `readers` does not hold are dropped from it.
 */
export async function addReaders(
  modelDir: string,
  readers: (TrainedReader | SerializedReader)[],
): Promise<ModelManifest> {
  const manifestPath = join(modelDir, "manifest.json");
  const manifest = parseManifest(await Deno.readFile(manifestPath));
  const files = Object.fromEntries(
    Object.entries(manifest.files).filter(([path]) => !path.startsWith("readers/")),
  );
  const records: NonNullable<ModelManifest["readers"]> = {};
  for (const reader of readers) {
    const name = "spec" in reader ? reader.spec.name : reader.name;
    const { modelJson, weights } = "model" in reader
      ? await layersModelToFiles(reader.model)
      : reader;
    const [jsonPath, weightsPath] = readerFiles(name);
    await Deno.mkdir(join(modelDir, "readers", name), { recursive: true });
    for (const [path, bytes] of [[jsonPath, modelJson], [weightsPath, weights]] as const) {
      await writeFileAtomic(join(modelDir, path), bytes);
      files[path] = { sha256: await sha256Hex(bytes), bytes: bytes.byteLength };
    }
    records[name] = reader.record;
  }
  const updated: ModelManifest = { ...manifest, readers: records, files };
  await writeFileAtomic(
    manifestPath,
    new TextEncoder().encode(JSON.stringify(updated, null, 2) + "\n"),
  );
  return updated;
}
