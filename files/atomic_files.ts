import { basename, dirname, join } from "node:path";

/**
 * Writes `bytes` to `path` so that a reader (or a process killed mid-write)
 * sees either the old file or the complete new one: write a temp file beside
 * it, flush it to disk, then rename over the target.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${Deno.pid}`);
  try {
    await writeFileSynced(temp, bytes);
    await withPath(temp, () => Deno.rename(temp, path));
  } catch (error) {
    // This run's partial temp file is removed; the old file (if any) is untouched.
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/** Writes `bytes` to `path` and flushes it to disk before returning. */
export async function writeFileSynced(path: string, bytes: Uint8Array): Promise<void> {
  await withPath(path, async () => {
    const file = await Deno.open(path, { write: true, create: true, truncate: true });
    try {
      let written = 0;
      while (written < bytes.byteLength) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
  });
}

/**
 * Runs `fn`, and names `path` in any error it throws: Deno's own I/O errors
 * say "No space left on device (os error 28)" and nothing of where. The
 * error keeps its class (NotFound stays NotFound) and is the `cause`.
 */
export async function withPath<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof Error) || error.message.includes(path)) throw error;
    const Kind = error.constructor as new (message: string, options?: ErrorOptions) => Error;
    let named: Error;
    try {
      named = new Kind(`${path}: ${error.message}`, { cause: error });
    } catch {
      named = new Error(`${path}: ${error.message}`, { cause: error });
    }
    throw named;
  }
}

/**
 * Fails early, naming the folder, when `dir` cannot be written (read-only,
 * no permission, not a folder): better before an hour of training than at
 * the final rename. Creates `dir` if needed; leaves nothing behind.
 */
export async function checkWritable(dir: string): Promise<void> {
  const probe = join(dir, `.write-check-${Deno.pid}`);
  try {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeFile(probe, new Uint8Array(1));
    await Deno.remove(probe);
  } catch (error) {
    await Deno.remove(probe).catch(() => {});
    throw new Error(`cannot write to ${dir}: ${(error as Error).message}`, { cause: error });
  }
}

/** Sibling paths used while publishing `target`: hidden, so nothing serves them. */
export function siblingPath(target: string, suffix: string): string {
  return join(dirname(target), `.${basename(target)}.${suffix}`);
}

/**
 * Replaces directory `target` by the complete directory `staging`: two
 * renames (target aside, staging in), then the old copy is deleted. A kill
 * between the renames leaves `target` absent with both complete copies
 * beside it; recoverPublish() puts the right one back.
 */
export async function publishDirectory(staging: string, target: string): Promise<void> {
  const old = siblingPath(target, `old-${Deno.pid}`);
  let hadOld = true;
  try {
    await withPath(target, () => Deno.rename(target, old));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    hadOld = false;
  }
  await withPath(target, () => Deno.rename(staging, target));
  if (hadOld) await withPath(old, () => Deno.remove(old, { recursive: true }));
}

/**
 * Cleans up after a publish that was killed: if `target` is missing, the
 * newest complete set (a staging dir whose `marker` file exists, else an old
 * copy) is renamed into place; leftover staging and old copies are deleted.
 */
export async function recoverPublish(target: string, marker: string): Promise<void> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  const leftovers: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (
        entry.isDirectory && entry.name.startsWith(prefix) && /(staging|old)-\d+$/.test(entry.name)
      ) {
        leftovers.push(join(dir, entry.name));
      }
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (!(await exists(target))) {
    const complete = [];
    for (const path of leftovers) if (await exists(join(path, marker))) complete.push(path);
    // A complete staging dir is newer than any old copy.
    complete.sort((a, b) => Number(b.includes(".staging-")) - Number(a.includes(".staging-")));
    if (complete.length > 0) await Deno.rename(complete[0], target);
  }
  for (const path of leftovers) await Deno.remove(path, { recursive: true }).catch(() => {});
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
