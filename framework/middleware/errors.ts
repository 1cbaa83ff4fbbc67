/**
 * JSON error answers. Every rejection the server makes is a status code with
 * `{"error": "..."}`; bad input is a 4xx, and only a genuine server fault is a
 * 500 (with a generic message: internals are logged, not sent).
 *
 * @module
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { rateLimitedLog } from "./error_log.ts";

/** An error that carries the HTTP status and the message to send. */
export class HttpError extends Error {
  /** HTTP status to answer with. */
  readonly status: ContentfulStatusCode;
  /** Extra headers for the answer, e.g. `Retry-After` or `Allow`. */
  readonly headers: Record<string, string>;

  /** Creates an error answered with `status` and `{"error": message}`. */
  constructor(status: ContentfulStatusCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.headers = headers;
  }
}

/** Answers `{"error": message}` with `status` (and extra headers). */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header("Cache-Control", "no-store");
  return c.json({ error: message }, status);
}

/** Options of {@link jsonErrorHandler}. */
export interface ErrorHandlerOptions {
  /** Where genuine faults are reported; default one line each to stderr, rate-limited. */
  log?: (message: string, error: unknown) => void;
}

/**
 * `app.onError` handler: maps {@link HttpError}, any error that carries a 4xx
 * `status` of its own (the app's input errors, e.g. lib/validation's
 * `ValidationError`, so the framework need not know them), Hono's
 * `HTTPException` and JSON syntax errors to their 4xx, and anything else to a
 * logged 500 with a generic message.
 */
export function jsonErrorHandler(options: ErrorHandlerOptions = {}): ErrorHandler {
  const log = options.log ?? rateLimitedLog();
  return (error, c) => {
    if (error instanceof HttpError) return jsonError(c, error.status, error.message, error.headers);
    const status = clientStatus(error);
    if (status !== null) return jsonError(c, status, error.message);
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      return jsonError(c, status, error.message || statusText(status));
    }
    // A body that reached c.req.json() unchecked (a route without jsonBody()).
    if (error instanceof SyntaxError) return jsonError(c, 400, "body is not valid JSON");
    log(`${c.req.method} ${c.req.path} failed:`, error);
    return jsonError(c, 500, "internal server error");
  };
}

/** `app.notFound` handler: a JSON 404 naming the path. */
export function jsonNotFound(): NotFoundHandler {
  return (c) => {
    const path = c.req.path.length > 100 ? `${c.req.path.slice(0, 97)}...` : c.req.path;
    return jsonError(c, 404, `no such resource: ${path}`);
  };
}

/** The 4xx status an error says it stands for, or null. */
function clientStatus(error: Error): ContentfulStatusCode | null {
  if (error instanceof HTTPException) return null;
  const status = (error as { status?: unknown }).status;
  return Number.isInteger(status) && (status as number) >= 400 && (status as number) < 500
    ? status as ContentfulStatusCode
    : null;
}

function statusText(status: number): string {
  return status >= 500 ? "server error" : "bad request";
}
