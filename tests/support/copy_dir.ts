/** Copies a directory tree (files and folders only) from `from` to the existing folder `to`. */
export async function copy(from: string, to: string): Promise<void> {
  for await (const entry of Deno.readDir(from)) {
    const src = `${from}/${entry.name}`;
    const dst = `${to}/${entry.name}`;
    if (entry.isDirectory) {
      await Deno.mkdir(dst);
      await copy(src, dst);
    } else if (entry.isFile) {
      await Deno.copyFile(src, dst);
    }
  }
}
