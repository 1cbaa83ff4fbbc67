import { ok as assert, rejects } from "node:assert/strict";
import { loadReaders } from "./load_readers.ts";
import type { ModelManifest } from "./manifest.ts";

const manifest = {
  readers: { r1: { role: "panel" }, r2: { role: "heldout" } },
  files: {
    "readers/r1/model.json": { sha256: "0".repeat(64), bytes: 2 },
    "readers/r1/weights.bin": { sha256: "0".repeat(64), bytes: 0 },
  },
} as unknown as ModelManifest;

Deno.test("loadReaders() names the file whose size or hash is not the manifest's", async () => {
  const files: Record<string, Uint8Array> = {
    "readers/r1/model.json": new Uint8Array([123, 125]),
    "readers/r1/weights.bin": new Uint8Array(),
  };
  const read = (path: string) =>
    files[path] ? Promise.resolve(files[path]) : Promise.reject(new Error("missing"));
  await rejects(
    loadReaders(read, manifest, "panel"),
    /readers\/r1\/model.json: sha256 \w+ does not match/,
  );
  files["readers/r1/model.json"] = new Uint8Array([1, 2, 3]);
  await rejects(loadReaders(read, manifest, "panel"), /3 bytes, manifest.json expects 2/);
  // Held-out readers are not loaded with the panel, and a manifest without readers gives none.
  const none = await loadReaders(read, { files: {} } as unknown as ModelManifest, "panel");
  assert(Object.keys(none).length === 0);
  await rejects(loadReaders(read, manifest, "heldout"), /readers\/r2\/model.json: not listed/);
});
