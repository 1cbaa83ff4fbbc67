/**
 * Bundles browser code with `deno bundle`: an entry (the app's
 * islands/_client.ts) plus one chunk per dynamically imported island,
 * minified, into an output folder, beside any files the app asks to copy.
 */

/** Options of `buildIslands`. */
export interface BuildOptions {
  /** The project root: the folder of the deno.json to bundle with. */
  root: string;
  /** The browser entry, relative to `root`. */
  entry: string;
  /** Output folder (emptied first). */
  outDir: string;
  /** Minify (default true). */
  minify?: boolean;
  /** The entry's output name, which the page shell loads (default "client.js"). */
  entryName?: string;
  /** Files (absolute paths) copied into `outDir` as they are, e.g. wasm binaries. */
  copy?: string[];
}

/**
 * Bundles the client into `outDir` (emptied first, so stale chunks never
 * linger) and resolves with the output file names; throws with deno's
 * message when bundling fails.
 */
export async function buildIslands(options: BuildOptions): Promise<string[]> {
  const { root, outDir } = options;
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
    `${root}/${options.entry}`,
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
  // deno bundle names the output after the entry ("_client.js"); the shell asks for a fixed name.
  const entryName = options.entryName ?? "client.js";
  const bundled = options.entry.slice(options.entry.lastIndexOf("/") + 1).replace(/\.tsx?$/, ".js");
  if (bundled !== entryName) await Deno.rename(`${outDir}/${bundled}`, `${outDir}/${entryName}`);
  for (const path of options.copy ?? []) {
    await Deno.copyFile(path, `${outDir}/${path.slice(path.lastIndexOf("/") + 1)}`);
  }
  const files: string[] = [];
  for await (const entry of Deno.readDir(outDir)) files.push(entry.name);
  if (!files.includes(entryName)) {
    throw new Error(`deno bundle wrote no ${entryName} into ${outDir} (got ${files.join(", ")})`);
  }
  return files.sort();
}
