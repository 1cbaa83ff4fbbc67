import { dirname, join } from "node:path";
import type { ModelManifest } from "../lib/artifacts/manifest.ts";
import { type ModelDirContents, serializeModelDir } from "../lib/artifacts/serialize_model_dir.ts";
import {
  publishDirectory,
  recoverPublish,
  siblingPath,
  withPath,
  writeFileSynced,
} from "../files/atomic_files.ts";

/**
 * Writes a complete model directory to a hidden staging directory beside
 * `target` (manifest.json last), then swaps it in, so `target` always holds
 * the old complete set or the new one. Returns the manifest written.
 */
export async function writeModelDirectory(
  target: string,
  contents: ModelDirContents,
): Promise<ModelManifest> {
  await Deno.mkdir(dirname(target), { recursive: true });
  await recoverPublish(target, "manifest.json");
  const staging = siblingPath(target, `staging-${Deno.pid}`);
  await Deno.remove(staging, { recursive: true }).catch(() => {});
  const { files, manifest } = await serializeModelDir(contents);
  try {
    // Map order puts manifest.json last: a staging dir with a manifest is complete.
    for (const [path, bytes] of files) {
      const full = join(staging, path);
      await withPath(dirname(full), () => Deno.mkdir(dirname(full), { recursive: true }));
      await writeFileSynced(full, bytes);
    }
  } catch (error) {
    // This run's partial staging folder goes; the published model is untouched.
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    throw error;
  }
  await publishDirectory(staging, target);
  return manifest;
}
