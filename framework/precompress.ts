/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside
 * each bundled file, which the static file server sends to browsers that
 * accept them; copies that would not be smaller are skipped.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Precompresses `files` (names inside `dir`); resolves with the copies written. */
export async function precompress(dir: string, files: string[]): Promise<string[]> {
  const written: string[] = [];
  for (const name of files) {
    const raw = await Deno.readFile(`${dir}/${name}`);
    const copies: [string, Uint8Array][] = [
      [
        `${name}.br`,
        brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
      ],
      [`${name}.gz`, gzipSync(raw, { level: 9 })],
    ];
    for (const [copy, bytes] of copies) {
      if (bytes.length >= raw.length) continue;
      await Deno.writeFile(`${dir}/${copy}`, bytes);
      written.push(copy);
    }
  }
  return written;
}
