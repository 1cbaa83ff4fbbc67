import { basename, dirname, join } from "node:path";

/**
 * Writes `bytes` to `path` so that a reader (or a process killed mid-write)
 * sees either the old file or the complete new one: write a temp file beside
 * it, flush it to disk, then rename over the target.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${Deno.pid}`);
  await writeFileSynced(temp, bytes);
  await Deno.rename(temp, path);
}

/** Writes `bytes` to `path` and flushes it to disk before returning. */
export async function writeFileSynced(path: string, bytes: Uint8Array): Promise<void> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < bytes.byteLength) written += await file.write(bytes.subarray(written));
    await file.sync();
  } finally {
    file.close();
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
    await Deno.rename(target, old);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    hadOld = false;
  }
  await Deno.rename(staging, target);
  if (hadOld) await Deno.remove(old, { recursive: true });
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
