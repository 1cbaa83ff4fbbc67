/**
 * The server's hardening in one call, for main.ts (and tests that assemble
 * the app as main.ts does): security headers, checked JSON bodies for the
 * API, and load shedding for the API and the pages. Static files with ETags are mounted by
 * createApp itself (static_files.ts).
 * Limits are documented in docs/hardening.md.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import {
  type LoadShedder,
  loadShedder,
  type LoadShedOptions,
} from "../framework/middleware/load_shed.ts";
import { jsonBody } from "../framework/middleware/json_body.ts";
import { securityHeaders } from "../framework/middleware/security_headers.ts";

export { serveGracefully } from "../framework/middleware/graceful_shutdown.ts";
export { createDecodeBatcher } from "./decode_batcher.ts";

/**
 * Default load-shedding limits for the API (docs/hardening.md). The routes
 * compute on one thread, so requests "in flight" really wait their turn:
 * few slots keep that hidden wait short, the queue's wait bound turns a
 * backlog into prompt 503s, and a request whose turn comes more than 1 s
 * after it arrived is answered 503 rather than computed late.
 */
export const DEFAULT_API_LOAD_LIMITS: LoadShedOptions = {
  maxInFlight: 16,
  maxQueued: 256,
  maxWaitMs: 1_000,
  startWithinMs: 1_000,
  retryAfterSeconds: 1,
};

/** Options of {@link createHardening}. */
export interface HardeningOptions {
  /** Load-shedding limits (API and pages); default {@link DEFAULT_API_LOAD_LIMITS}. */
  apiLoad?: LoadShedOptions;
}

/** What {@link createHardening} returns. */
export interface Hardening {
  /** Middleware to run, in order, before every route. */
  middleware: MiddlewareHandler[];
  /** The load shedder, whose counters /api/health may report. */
  shedder: LoadShedder;
}

/**
 * Builds the middleware chain: security headers on everything; for the API,
 * JSON bodies received and checked in full (size, time, UTF-8, syntax,
 * depth) *before* a load-shedding slot is taken, so slow or hostile senders
 * cannot hold slots; then the shedder, for the API and the pages (the
 * pages cost CPU too). `/api/health` is never shed, so
 * monitors can still see a busy server, nor are static files (streamed).
 */
export function createHardening(options: HardeningOptions = {}): Hardening {
  const shedder = loadShedder(options.apiLoad ?? DEFAULT_API_LOAD_LIMITS);
  const readJson = jsonBody({ requireJson: false });
  // 784 pixel values written out in full take about 16 KB, past the default limit.
  const readImageJson = jsonBody({ requireJson: false, maxBytes: 64 * 1024 });
  const apiBodies: MiddlewareHandler = (c, next) =>
    c.req.path === "/api/encode"
      ? readImageJson(c, next)
      : c.req.path.startsWith("/api/")
      ? readJson(c, next)
      : next();
  const shed: MiddlewareHandler = (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/static/") || path === "/api/health") return next();
    return shedder.middleware(c, next);
  };
  return {
    shedder,
    middleware: [securityHeaders(), apiBodies, shed],
  };
}
