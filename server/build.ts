/**
 * Bundles the browser code with `deno bundle`: server/client.ts plus one
 * chunk per island (and one for tfjs, loaded only by islands that decode),
 * minified, into static/build/, with the wasm binaries of tfjs's wasm backend. Run as `deno task build`.
 */

/** Options of `buildIslands`. */
export interface BuildOptions {
  /** Output folder (default static/build beside this repo's deno.json). */
  outDir?: string;
  /** Minify (default true). */
  minify?: boolean;
}

/** The wasm binaries of tfjs's wasm backend the browser may load (SIMD, and plain as a fallback). */
export const WASM_FILES = ["tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm.wasm"];

/** Where the repository root is, from this file's location. */
export function repoRoot(): string {
  return new URL("..", import.meta.url).pathname.replace(/\/$/, "");
}

/**
 * Bundles the client into `outDir` (emptied first, so stale chunks never
 * linger) and resolves with the output file names; throws with deno's
 * message when bundling fails.
 */
export async function buildIslands(options: BuildOptions = {}): Promise<string[]> {
  const root = repoRoot();
  const outDir = options.outDir ?? `${root}/static/build`;
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  await Deno.mkdir(outDir, { recursive: true });
  const args = [
    "bundle",
    "--quiet",
    "--platform=browser",
    "--format=esm",
    "--code-splitting",
    `--outdir=${outDir}`,
    `--config=${root}/deno.json`,
    ...(options.minify ?? true ? ["--minify"] : []),
    `${root}/server/client.ts`,
  ];
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!result.success) {
    throw new Error(`deno bundle failed:\n${new TextDecoder().decode(result.stderr)}`);
  }
  // tfjs's wasm backend fetches its binaries at run time (browser_model.ts points it here).
  // The threaded build needs cross-origin isolation, which the site does not ask for.
  const wasmDir = `${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist`;
  for (const name of WASM_FILES) await Deno.copyFile(`${wasmDir}/${name}`, `${outDir}/${name}`);
  const files: string[] = [];
  for await (const entry of Deno.readDir(outDir)) files.push(entry.name);
  if (!files.includes("client.js")) {
    throw new Error(`deno bundle wrote no client.js into ${outDir} (got ${files.join(", ")})`);
  }
  return files.sort();
}

if (import.meta.main) {
  const started = performance.now();
  const files = await buildIslands();
  const ms = Math.round(performance.now() - started);
  console.log(`bundled ${files.length} files into static/build/ in ${ms} ms`);
}
