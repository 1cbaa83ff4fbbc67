/**
 * Serves a fixed set of files held in memory under a URL prefix: the model
 * files the server loaded and verified at start. Reading them from disk
 * per request would serve a retrain's new files beside the old model the
 * API runs; these stay the set the API answers from until a restart.
 * Compressed as static_files.ts compresses (a copy made once per coding).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { jsonError } from "./errors.ts";
import { contentTypeFor, isCompressible, matchesEtag, staticRequest } from "./static_files.ts";
import { negotiateEncoding } from "./accept_encoding.ts";
import { createCompressedCopies } from "./compressed_copies.ts";

/** Options of {@link memoryFiles}. */
export interface MemoryFilesOptions {
  /** Bytes by path relative to the prefix. */
  files: ReadonlyMap<string, Uint8Array>;
  /** URL prefix with slashes at both ends. */
  prefix: string;
  /** A strong ETag per path (e.g. from the manifest's hashes), quoted. */
  etagOf: (path: string) => string;
  /** Cache-Control sent with every file. */
  cacheControl: string;
}

/** Middleware answering GET/HEAD under `prefix` from `files`; anything else under it 404/405. */
export function memoryFiles(options: MemoryFilesOptions): MiddlewareHandler {
  const { files, prefix, etagOf, cacheControl } = options;
  const copies = createCompressedCopies(
    64 * 1024 * 1024,
    (path) => Promise.resolve(files.get(path)!),
  );
  return async (c, next) => {
    const relative = staticRequest(c, prefix);
    if (relative === null) return await next();
    if (relative instanceof Response) return relative;
    const method = c.req.method;
    const bytes = files.get(relative);
    if (bytes === undefined) return jsonError(c, 404, "no such file");
    const etag = etagOf(relative);
    const headers: Record<string, string> = {
      "ETag": etag,
      "Cache-Control": cacheControl,
      "Content-Type": contentTypeFor(relative),
    };
    let body = bytes;
    // Model files are large and compress well (test images 7.8 MB).
    const compressible = isCompressible(relative, bytes.byteLength);
    if (compressible) headers["Vary"] = "Accept-Encoding";
    const coding = compressible ? negotiateEncoding(c.req.header("accept-encoding")) : null;
    if (coding) {
      const packed = await copies.get(relative, etag, coding);
      if (packed) {
        body = packed;
        headers["Content-Encoding"] = coding;
        headers["ETag"] = `${etag.slice(0, -1)}-${coding}"`;
      }
    }
    if (matchesEtag(c.req.header("if-none-match"), headers["ETag"])) {
      return c.body(null, 304, headers);
    }
    headers["Content-Length"] = String(body.byteLength);
    if (method === "HEAD") return c.body(null, 200, headers);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
