import { ArtifactError } from "./artifact_error.ts";
import type { ModelManifest } from "./manifest.ts";
import { sha256Hex } from "./sha256.ts";

/** Reads one file of a model directory (Deno.readFile, fetch, a test's map). */
export type ReadArtifact = (path: string) => Promise<Uint8Array>;

/** Reads `path`, turning a failed read into an ArtifactError that names it. */
export async function readOrFail(readFile: ReadArtifact, path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ArtifactError(path, `cannot be read (${(error as Error).message})`);
  }
}

/**
 * Reads `path` and checks it against the manifest: listed, of the listed
 * byte size and sha256. The first mismatch throws an ArtifactError naming
 * the file and what was expected.
 */
export async function readVerified(
  readFile: ReadArtifact,
  manifest: ModelManifest,
  path: string,
): Promise<Uint8Array> {
  const entry = manifest.files[path];
  if (!entry) throw new ArtifactError(path, "not listed in manifest.json");
  const bytes = await readOrFail(readFile, path);
  if (bytes.byteLength !== entry.bytes) {
    throw new ArtifactError(
      path,
      `${bytes.byteLength} bytes, manifest.json expects ${entry.bytes}`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) {
    throw new ArtifactError(path, `sha256 ${hash} does not match manifest.json's ${entry.sha256}`);
  }
  return bytes;
}
