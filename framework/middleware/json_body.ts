/**
 * Reads a JSON request body safely before any route sees it: the content
 * type must be JSON, the size is checked against a limit before parsing
 * (from Content-Length, and again while reading, for chunked bodies), the
 * bytes must be UTF-8, the text must parse, and nesting is bounded. The
 * checked bytes replace the request body, so routes can still call
 * `c.req.json()`, or read the parsed value with `c.get("jsonBody")`.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { HttpError } from "./errors.ts";

/** Default body limit in bytes: a decode request is ~250 bytes, a path request ~1 KB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
/** Default nesting limit of a JSON body: API bodies are at most 3 levels deep. */
export const DEFAULT_MAX_JSON_DEPTH = 8;
/** Default time allowed for receiving a whole body: a slow sender cannot hold a slot for ever. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** Options of {@link jsonBody}. */
export interface JsonBodyOptions {
  /** Largest body accepted, in bytes; larger ones get 413 before parsing. */
  maxBytes?: number;
  /** Deepest nesting of arrays/objects accepted; deeper bodies get 400. */
  maxDepth?: number;
  /** Longest wait for the whole body, in ms; slower senders get 408. Default 10,000. */
  timeoutMs?: number;
  /**
   * Refuse other content types with 415 (default). When false, bodies not
   * declared as JSON pass through unread, for the route to refuse by type.
   */
  requireJson?: boolean;
}

/** Context variables set by {@link jsonBody}. */
export type JsonBodyVariables = { jsonBody: unknown };

/**
 * Middleware for JSON endpoints (POST/PUT/PATCH). Other methods pass through
 * untouched; the route decides whether it accepts them.
 */
export function jsonBody(
  options: JsonBodyOptions = {},
): MiddlewareHandler<{ Variables: JsonBodyVariables }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const requireJson = options.requireJson ?? true;
  return async (c, next) => {
    const method = c.req.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return await next();
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      if (!requireJson) return await next();
      throw new HttpError(
        415,
        `Content-Type must be application/json, got ${JSON.stringify(type)}`,
      );
    }
    const bytes = await readBounded(c.req.raw, maxBytes, timeoutMs);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new HttpError(400, "body is not valid UTF-8");
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, "body is not valid JSON");
    }
    if (depthOf(value, maxDepth) > maxDepth) {
      throw new HttpError(400, `JSON body is nested deeper than ${maxDepth} levels`);
    }
    c.set("jsonBody", value);
    // The original stream is consumed; hand routes a request with the checked bytes.
    c.req.raw = new Request(c.req.raw.url, {
      method,
      headers: c.req.raw.headers,
      body: bytes,
    });
    await next();
  };
}

/**
 * Reads at most `maxBytes` of the body within `timeoutMs`, rejecting with 413
 * as soon as the limit is passed and with 408 when the sender is too slow.
 */
async function readBounded(
  request: Request,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new HttpError(413, `body is larger than the limit of ${maxBytes} bytes`);
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared) || !Number.isSafeInteger(n)) {
      throw new HttpError(400, "Content-Length is not a valid length");
    }
    if (n > maxBytes) throw tooLarge();
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HttpError(408, `body not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    while (true) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Nesting depth of a parsed JSON value, stopping early once past `limit`. Iterative: no recursion to overflow. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, level]);
  }
  return deepest;
}
