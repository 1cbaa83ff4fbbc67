/**
 * Maps a request path under a URL prefix to a path relative to a static
 * root, or null when it could name anything outside it. Pure: it only looks
 * at the string, so it is tested exhaustively; the file server adds a
 * realPath check against symlinks.
 *
 * @module
 */

// Names a static file may have: letters, digits, '.', '_', '-'. No '%', '\', ':', NUL.
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const MAX_SEGMENTS = 8;
const MAX_PATH_CHARS = 512;

/**
 * Resolves `rawPath` (the URL's pathname as sent, still percent-encoded)
 * under `prefix` (e.g. "/static/"). Each segment is percent-decoded exactly
 * once; the result is rejected if any decoded segment is empty, "." or "..",
 * starts with ".", or holds a character outside [A-Za-z0-9._-] (so an
 * encoded "/", "\\", "%" from double encoding, or a NUL cannot survive).
 * Returns the segments joined with "/", or null.
 */
export function resolveStaticPath(rawPath: string, prefix: string): string | null {
  if (rawPath.length > MAX_PATH_CHARS || !rawPath.startsWith(prefix)) return null;
  const rest = rawPath.slice(prefix.length);
  if (rest === "") return null;
  const segments = rest.split("/");
  if (segments.length > MAX_SEGMENTS) return null;
  const out: string[] = [];
  for (const raw of segments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!SAFE_SEGMENT.test(segment)) return null;
    out.push(segment);
  }
  return out.join("/");
}
