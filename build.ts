/**
 * `deno task build`: bundles the explorer's browser code (islands/_client.ts
 * and one chunk per island) into static/build/. The browser decodes and
 * judges with the project's own kernels, whose WebAssembly is assembled at
 * start-up, so no .wasm file ships; each file also gets a brotli and a gzip
 * copy beside it, which the static file server sends to browsers that take them.
 */
import { buildIslands } from "./framework/build.ts";
import { precompress } from "./framework/precompress.ts";

/** The repository root, from this file's location. */
export const ROOT = new URL(".", import.meta.url).pathname.replace(/\/$/, "");

/** Bundles the site's browser code into `outDir` (default static/build/); resolves with the file names. */
export async function buildSite(outDir = `${ROOT}/static/build`): Promise<string[]> {
  const files = await buildIslands({ root: ROOT, entry: "islands/_client.ts", outDir });
  await precompress(outDir, files);
  return files;
}

if (import.meta.main) {
  const started = performance.now();
  const files = await buildSite();
  const ms = Math.round(performance.now() - started);
  console.log(`bundled ${files.length} files into static/build/ in ${ms} ms`);
}
