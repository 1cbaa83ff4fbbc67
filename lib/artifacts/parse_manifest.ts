import { ArtifactError } from "./artifact_error.ts";
import { MANIFEST_FORMAT_VERSION, type ModelManifest } from "./manifest.ts";

/**
 * Parses manifest.json and checks its format version and main sections;
 * throws an ArtifactError naming manifest.json otherwise.
 */
export function parseManifest(bytes: Uint8Array): ModelManifest {
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ArtifactError("manifest.json", `not valid JSON (${(error as Error).message})`);
  }
  if (manifest?.formatVersion !== MANIFEST_FORMAT_VERSION) {
    throw new ArtifactError(
      "manifest.json",
      `formatVersion ${manifest?.formatVersion}, expected ${MANIFEST_FORMAT_VERSION}`,
    );
  }
  if (!manifest.files || !manifest.dataset || !manifest.architecture) {
    throw new ArtifactError("manifest.json", "expected files, dataset and architecture sections");
  }
  for (const path of Object.keys(manifest.files)) {
    if (!isInsideModelDir(path)) {
      throw new ArtifactError(
        "manifest.json",
        `lists ${
          JSON.stringify(path.slice(0, 80))
        }, which is not a file inside the model folder (relative names of [A-Za-z0-9._-] only, no "..")`,
      );
    }
  }
  return manifest;
}

/**
 * True for a relative path of plain names: a manifest entry such as
 * `../../etc/passwd` or `/x` would otherwise be read (and served) from
 * outside the folder.
 */
function isInsideModelDir(path: string): boolean {
  const parts = path.split("/");
  return path.length <= 200 && parts.every((p) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(p)) &&
    path !== "manifest.json";
}

/** Parses centroids.json and checks it holds `digits` rows of `latentSize` numbers. */
export function parseCentroids(bytes: Uint8Array, manifest: ModelManifest): number[][] {
  const { latentSize, digits } = manifest.architecture;
  let json;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ArtifactError("centroids.json", `not valid JSON (${(error as Error).message})`);
  }
  const rows = json?.centroids;
  const ok = json?.latentSize === latentSize && Array.isArray(rows) && rows.length === digits &&
    rows.every((r: unknown) => Array.isArray(r) && r.length === latentSize);
  if (!ok) {
    throw new ArtifactError(
      "centroids.json",
      `expected ${digits} centroids of ${latentSize} numbers`,
    );
  }
  return rows;
}
