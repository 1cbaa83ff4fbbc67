/**
 * The API's one body pipeline: every JSON request body is read and parsed
 * here, once, before any route sees it. `hono/body-limit` enforces the size
 * (from Content-Length before reading, and while reading chunked bodies);
 * then the body must arrive within a time limit, be UTF-8, parse as JSON,
 * repeat no key within an object, and nest no deeper than a limit. Routes
 * read the value with `c.get("jsonBody")` (the app hands it to them as
 * `ctx.body`).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "./errors.ts";
import { duplicateJsonKey } from "./duplicate_json_key.ts";
import { readBody } from "./read_body.ts";

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
   * declared as JSON pass through unread, so that a route that takes no body
   * still answers 405 and one that does answers 415 itself.
   */
  requireJson?: boolean;
}

/** Context variables set by {@link jsonBody}. */
export type JsonBodyVariables = { jsonBody: unknown };

// The connection is closed after a body that was not read to its end: what is left of it
// would otherwise be read as the next request.
const CLOSE = { Connection: "close" };

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
  const tooLarge = () =>
    new HttpError(413, `body is larger than the limit of ${maxBytes} bytes`, CLOSE);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  const parse = async (c: Context<{ Variables: JsonBodyVariables }>) => {
    // body-limit checked the size; readBody counts it again and adds the deadline (408, closed).
    const bytes = await readBody(c.req.raw, {
      maxBytes,
      tooLarge,
      timeoutMs,
      timedOut: () => timedOut(timeoutMs),
    });
    const text = decodeUtf8(bytes);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, "body is not valid JSON");
    }
    if (typeof value === "object" && value !== null) {
      if (depthOf(value, maxDepth) > maxDepth) {
        throw new HttpError(400, `JSON body is nested deeper than ${maxDepth} levels`);
      }
      const duplicate = duplicateJsonKey(text);
      if (duplicate !== null) {
        throw new HttpError(400, `JSON body repeats the key ${JSON.stringify(duplicate)}`);
      }
    }
    c.set("jsonBody", value);
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return await next();
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      if (!requireJson) return await next();
      throw new HttpError(
        415,
        `Content-Type must be application/json, got ${JSON.stringify(type)}`,
        CLOSE,
      );
    }
    const declared = c.req.header("content-length");
    if (declared !== undefined && !/^\d{1,15}$/.test(declared)) {
      throw new HttpError(400, "Content-Length is not a valid length", CLOSE);
    }
    // body-limit reads a chunked body in full by itself: give that read the same deadline.
    if (declared === undefined && c.req.raw.body !== null) {
      c.req.raw = new Request(c.req.raw, { body: withDeadline(c.req.raw.body, timeoutMs) });
    }
    await limit(c, async () => {
      await parse(c);
      await next();
    });
  };
}

function timedOut(timeoutMs: number): HttpError {
  return new HttpError(408, `body not received within ${timeoutMs} ms`, CLOSE);
}

/** The same stream, failing with 408 when it has not ended within `timeoutMs`. */
function withDeadline(
  body: ReadableStream<Uint8Array>,
  timeoutMs: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => {
        controller.error(timedOut(timeoutMs));
        reader.cancel().catch(() => {});
      }, timeoutMs);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          clearTimeout(timer);
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        clearTimeout(timer);
        controller.error(error);
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(400, "body is not valid UTF-8");
  }
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
