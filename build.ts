/**
 * `deno task build`: bundles the explorer's browser code (islands/_client.ts
 * and one chunk per island) into static/build/, with the wasm binaries of
 * tfjs's wasm backend, which it fetches at run time. The threaded build needs
 * cross-origin isolation, which the site does not ask for, so only the SIMD
 * and plain ones are copied.
 */
import { buildIslands } from "./framework/build.ts";

/** The repository root, from this file's location. */
export const ROOT = new URL(".", import.meta.url).pathname.replace(/\/$/, "");

/** The wasm binaries of tfjs's wasm backend the browser may load (SIMD, and plain as a fallback). */
export const WASM_FILES = ["tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm.wasm"];

/** Bundles the site's browser code into `outDir` (default static/build/); resolves with the file names. */
export function buildSite(outDir = `${ROOT}/static/build`): Promise<string[]> {
  const wasmDir = `${ROOT}/node_modules/@tensorflow/tfjs-backend-wasm/dist`;
  return buildIslands({
    root: ROOT,
    entry: "islands/_client.ts",
    outDir,
    copy: WASM_FILES.map((name) => `${wasmDir}/${name}`),
  });
}

if (import.meta.main) {
  const started = performance.now();
  const files = await buildSite();
  const ms = Math.round(performance.now() - started);
  console.log(`bundled ${files.length} files into static/build/ in ${ms} ms`);
}
