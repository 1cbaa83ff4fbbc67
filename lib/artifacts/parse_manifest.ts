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
  return manifest;
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
