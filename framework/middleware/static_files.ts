/**
 * Serves files from one directory (e.g. static/) under a URL prefix, with
 * strong ETags, conditional GETs (304), per-path Cache-Control, streamed
 * bodies, and compression negotiated by Accept-Encoding (brotli or gzip: a
 * precompressed `.br`/`.gz` sibling when the build wrote one, else a copy
 * compressed once and kept in memory; Vary, ETag and Content-Length follow
 * the coding sent). No path can leave the root: see {@link resolveStaticPath}, and a
 * realPath check that also stops symlinks pointing outside.
 *
 * Kept instead of `hono/deno`'s serveStatic (4.13), which refuses `..` but
 * serves dotfiles such as `.env`, follows symlinks out of the root, and
 * sends no ETag, so the browser re-downloads model files instead of a 304.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { jsonError } from "./errors.ts";
import { resolveStaticPath } from "./static_path.ts";
import { type ContentCoding, negotiateEncoding } from "./accept_encoding.ts";
import { createCompressedCopies } from "./compressed_copies.ts";

/** Options of {@link staticFiles}. */
export interface StaticFilesOptions {
  /** Directory served, absolute or relative to the working directory. */
  root: string | URL;
  /** URL prefix, with slashes at both ends; default "/static/". */
  prefix?: string;
  /** Cache-Control for a path relative to root; default {@link defaultCacheControl}. */
  cacheControl?: (relativePath: string) => string;
  /** Compress text and binary data for clients that accept it (default true). */
  compress?: boolean;
}

/** Types sent as they are: already compressed. */
const INCOMPRESSIBLE = new Set(["png", "ico", "woff2", "gif", "jpg", "jpeg", "br", "gz"]);
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
const SIBLING: Record<ContentCoding, string> = { br: ".br", gzip: ".gz" };

const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  map: "application/json; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  wasm: "application/wasm",
  bin: "application/octet-stream",
  txt: "text/plain; charset=utf-8",
  woff2: "font/woff2",
};

/**
 * Bundled code and model files may change with a rebuild or retraining under
 * the same name, so the browser keeps them but revalidates with the ETag
 * (a cheap 304); other assets may be reused for an hour.
 */
export function defaultCacheControl(relativePath: string): string {
  if (relativePath.startsWith("build/") || relativePath.startsWith("model/")) {
    return "public, no-cache";
  }
  return "public, max-age=3600";
}

/** Content type for a file name, by extension; unknown ones are octet-stream. */
export function contentTypeFor(name: string): string {
  const dot = name.lastIndexOf(".");
  return CONTENT_TYPES[dot >= 0 ? name.slice(dot + 1).toLowerCase() : ""] ??
    "application/octet-stream";
}

/** True when If-None-Match lists `etag` (or "*"). Weak comparison, as RFC 9110 asks for GET. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((item) => {
    const tag = item.trim();
    return tag === "*" || tag.replace(/^W\//, "") === bare;
  });
}

/** Whether a file is worth compressing: big enough, and not already compressed (images, fonts). */
export function isCompressible(relativePath: string, size: number): boolean {
  const extension = relativePath.slice(relativePath.lastIndexOf(".") + 1).toLowerCase();
  return size >= MIN_COMPRESS_BYTES && !INCOMPRESSIBLE.has(extension);
}

/**
 * The start every static handler shares: `null` when the request is not under
 * `prefix` (pass it on), a 405 or 404 answer when it cannot be a file, else
 * the file's path relative to the folder.
 */
export function staticRequest(c: Context, prefix: string): Response | string | null {
  const rawPath = new URL(c.req.url).pathname;
  if (!rawPath.startsWith(prefix)) return null;
  const method = c.req.method;
  if (method !== "GET" && method !== "HEAD") {
    return jsonError(c, 405, `${method} is not allowed on static files; use GET or HEAD`, {
      Allow: "GET, HEAD",
    });
  }
  return resolveStaticPath(rawPath, prefix) ?? jsonError(c, 404, "no such file");
}

/**
 * Middleware answering GET/HEAD under `prefix` from `root`. Paths that are
 * unsafe or missing get a JSON 404 (never a hint of what exists outside);
 * other methods get 405.
 */
export function staticFiles(options: StaticFilesOptions): MiddlewareHandler {
  const prefix = options.prefix ?? "/static/";
  const cacheControl = options.cacheControl ?? defaultCacheControl;
  const rootText = options.root instanceof URL ? options.root.pathname : options.root;
  // ETag per served file, one map per app; recomputed when size or mtime change.
  const etags = new Map<string, { stamp: string; etag: string }>();
  const copies = createCompressedCopies();
  let realRoot: string | undefined;

  return async (c, next) => {
    const relative = staticRequest(c, prefix);
    if (relative === null) return await next();
    if (relative instanceof Response) return relative;
    const method = c.req.method;
    const notFound = () => jsonError(c, 404, "no such file");
    // A root that is absent (e.g. static/build before `deno task build`) serves nothing.
    if (realRoot === undefined) {
      try {
        realRoot = await Deno.realPath(rootText);
      } catch {
        return notFound();
      }
    }
    let real: string;
    let info: Deno.FileInfo;
    try {
      real = await Deno.realPath(`${realRoot}/${relative}`);
      info = await Deno.stat(real);
    } catch {
      return notFound();
    }
    if (!real.startsWith(`${realRoot}/`) || !info.isFile) return notFound();

    const stamp = `${info.size}:${info.mtime?.getTime() ?? 0}`;
    let etag = etags.get(real)?.stamp === stamp ? etags.get(real)!.etag : undefined;
    if (etag === undefined) {
      const digest = new Uint8Array(
        await crypto.subtle.digest("SHA-256", await Deno.readFile(real)),
      );
      etag = `"${
        Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("")
      }"`;
      etags.set(real, { stamp, etag });
    }
    const headers: Record<string, string> = {
      "ETag": etag,
      "Cache-Control": cacheControl(relative),
      "Content-Type": contentTypeFor(relative),
    };
    const compressible = (options.compress ?? true) && isCompressible(relative, info.size);
    // The body depends on Accept-Encoding, so shared caches must key on it.
    if (compressible) headers["Vary"] = "Accept-Encoding";
    const coding = compressible ? negotiateEncoding(c.req.header("accept-encoding")) : null;
    let body: { path: string; size: number } | { bytes: Uint8Array } = {
      path: real,
      size: info.size,
    };
    if (coding) {
      const sibling = await Deno.stat(real + SIBLING[coding]).catch(() => null);
      const fresh = sibling?.isFile &&
        (sibling.mtime?.getTime() ?? 0) >= (info.mtime?.getTime() ?? 0);
      const bytes = fresh ? null : await copies.get(real, stamp, coding);
      if (fresh || bytes) {
        body = fresh ? { path: real + SIBLING[coding], size: sibling!.size } : { bytes: bytes! };
        headers["Content-Encoding"] = coding;
        // Each coding is its own representation with its own validator (RFC 9110 §8.8.3).
        headers["ETag"] = `${etag.slice(0, -1)}-${coding}"`;
      }
    }
    if (matchesEtag(c.req.header("if-none-match"), headers["ETag"])) {
      return c.body(null, 304, headers);
    }
    headers["Content-Length"] = String("bytes" in body ? body.bytes.length : body.size);
    if (method === "HEAD") return c.body(null, 200, headers);
    if ("bytes" in body) return c.body(body.bytes as Uint8Array<ArrayBuffer>, 200, headers);
    const file = await Deno.open(body.path, { read: true });
    return c.body(file.readable, 200, headers);
  };
}
