/**
 * The server's hardening in one call, for main.ts (and tests that assemble
 * the app as main.ts does): the front door (Host check, shedding before the
 * body is read), security headers, the one JSON body pipeline for the API,
 * and load shedding for the API and the pages. Static files with ETags are
 * mounted by createApp itself (static_files.ts).
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
import { jsonBody, type JsonBodyOptions } from "../framework/middleware/json_body.ts";
import { securityHeaders } from "../framework/middleware/security_headers.ts";
import { frontDoor, type ServeHandler } from "../framework/middleware/front_door.ts";

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

/** Decodes per micro-batch (server/model.ts), the unit a decode queue slot holds. */
export const DEFAULT_DECODE_BATCH = 16;

/** Options of {@link createHardening}. */
export interface HardeningOptions {
  /** Load-shedding limits (API and pages); default {@link DEFAULT_API_LOAD_LIMITS}. */
  apiLoad?: LoadShedOptions;
  /** Body limits of the API's JSON pipeline (size, depth, time). */
  body?: JsonBodyOptions;
  /**
   * Decodes waiting in the model's batcher. When given, `POST /api/decode` takes no slot of
   * its own: it is admitted while fewer than `maxQueued x decodeBatch` decodes wait, so a
   * micro-batch counts as one slot.
   */
  decodeBacklog?: () => number;
  /** Decodes per micro-batch; default {@link DEFAULT_DECODE_BATCH}. */
  decodeBatch?: number;
}

/** What {@link createHardening} returns. */
export interface Hardening {
  /** Middleware to run, in order, before every route. */
  middleware: MiddlewareHandler[];
  /** The load shedder, whose counters /api/health may report. */
  shedder: LoadShedder;
  /** Wraps the app's fetch handler with the front-door checks, for `Deno.serve`. */
  frontDoor(handler: ServeHandler): ServeHandler;
}

/** Paths that cost CPU: the API and the pages, not `/api/health` (monitors) or static files. */
function isShed(path: string): boolean {
  return !path.startsWith("/static/") && path !== "/api/health";
}

/**
 * Builds the chain: security headers on everything; for the API, JSON bodies
 * received and checked in full (size, time, UTF-8, syntax, duplicate keys,
 * depth) *before* a load-shedding slot is taken, so slow or hostile senders
 * cannot hold slots; then the shedder, for the API and the pages (the pages
 * cost CPU too). The front door refuses what has no room before all of it.
 */
export function createHardening(options: HardeningOptions = {}): Hardening {
  const limits = options.apiLoad ?? DEFAULT_API_LOAD_LIMITS;
  const shedder = loadShedder(limits);
  // Other types pass unread: the route answers 405 (wrong method) or 415 (its own check).
  const readJson = jsonBody({ ...options.body, requireJson: false });
  // 784 pixel values written out in full take about 16 KB, past the default limit.
  const readImageJson = jsonBody({ ...options.body, requireJson: false, maxBytes: 64 * 1024 });
  const batched = options.decodeBacklog !== undefined;
  const apiBodies: MiddlewareHandler = (c, next) =>
    c.req.path === "/api/encode"
      ? readImageJson(c, next)
      : c.req.path.startsWith("/api/")
      ? readJson(c, next)
      : next();
  const shed: MiddlewareHandler = (c, next) => {
    const path = c.req.path;
    if (!isShed(path)) return next();
    if (batched && path === "/api/decode" && c.req.method === "POST") return next();
    return shedder.middleware(c, next);
  };
  return {
    shedder,
    middleware: [securityHeaders(), apiBodies, shed],
    frontDoor: (handler) =>
      frontDoor(handler, {
        shedder,
        isShed,
        decodeBacklog: options.decodeBacklog,
        maxQueuedDecodes: Math.max(1, limits.maxQueued) *
          (options.decodeBatch ?? DEFAULT_DECODE_BATCH),
        retryAfterSeconds: limits.retryAfterSeconds,
      }),
  };
}
