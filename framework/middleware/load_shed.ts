/**
 * Load shedding: at most `maxInFlight` requests run at once, at most
 * `maxQueued` more wait (each for at most `maxWaitMs`), and everything
 * beyond is answered at once with 503 and `Retry-After`; so is, with
 * `startWithinMs`, a request that could not start that soon after arriving. The server's
 * memory and latency stay bounded under overload instead of growing with
 * the backlog.
 *
 * Routes that compute synchronously (decode, muddle) would otherwise never
 * overlap, so the count would stay at one while requests pile up unseen in
 * the server's socket buffers. An admitted request therefore yields one
 * event-loop turn before it runs: every request that has arrived meanwhile
 * is counted (and shed if over the limits) before the CPU work starts.
 *
 * @module
 */
import { setImmediate } from "node:timers";
import type { MiddlewareHandler } from "hono";
import { jsonError } from "./errors.ts";

/** Options of {@link loadShedder}. */
export interface LoadShedOptions {
  /** Requests allowed to run at once. */
  maxInFlight: number;
  /** Requests allowed to wait for a slot; more are shed. */
  maxQueued: number;
  /** Longest a request waits for a slot before it is shed, in ms. */
  maxWaitMs: number;
  /**
   * Longest a request may wait to start, in ms: for a slot, then for its turn behind the others'
   * CPU work. Past it the request is shed when its turn comes. Default: no such bound.
   */
  startWithinMs?: number;
  /** Seconds sent in `Retry-After`. */
  retryAfterSeconds?: number;
}

/** Counters of a shedder, for /api/health and the tests. */
export interface LoadShedStats {
  /** Requests running now. */
  inFlight: number;
  /** Requests waiting now. */
  queued: number;
  /** Requests answered 503 since start. */
  shed: number;
}

/** A middleware plus a live view of its counters. */
export interface LoadShedder {
  /** The middleware; mount it on the routes that cost CPU (e.g. /api/*). */
  middleware: MiddlewareHandler;
  /** Current counters (a fresh object each call). */
  stats(): LoadShedStats;
  /**
   * True when a request arriving now could run or wait. The front door asks before the body
   * is read, so that a request with no chance of a slot costs only this check.
   */
  hasRoom(): boolean;
  /** Counts a request shed elsewhere (front door, decode batcher) in `stats().shed`. */
  noteShed(): void;
}

/** Creates a shedder; its state lives in this closure, one per app. */
export function loadShedder(options: LoadShedOptions): LoadShedder {
  const { maxInFlight, maxQueued, maxWaitMs } = options;
  if (!(maxInFlight >= 1) || !(maxQueued >= 0) || !(maxWaitMs >= 0)) {
    throw new RangeError("loadShedder needs maxInFlight >= 1, maxQueued >= 0 and maxWaitMs >= 0");
  }
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const startWithin = options.startWithinMs ?? Infinity;
  let inFlight = 0;
  let shed = 0;
  // Waiters in arrival order; each resolves true when handed a slot, false on timeout.
  const waiters: Array<(granted: boolean) => void> = [];

  function acquire(): Promise<boolean> | boolean {
    if (inFlight < maxInFlight) {
      inFlight++;
      return true;
    }
    if (waiters.length >= maxQueued) return false;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        const i = waiters.indexOf(grant);
        if (i >= 0) waiters.splice(i, 1);
        resolve(false);
      }, maxWaitMs);
      const grant = (granted: boolean) => {
        clearTimeout(timer);
        resolve(granted);
      };
      waiters.push(grant);
    });
  }

  function release(): void {
    const next = waiters.shift();
    // The slot passes straight to the next waiter, so inFlight stays the same.
    if (next) next(true);
    else inFlight--;
  }

  const busy = (c: Parameters<MiddlewareHandler>[0]) => {
    shed++;
    return jsonError(c, 503, "server is busy; retry later", { "Retry-After": retryAfter });
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const arrived = performance.now();
    if (!(await acquire())) return busy(c);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      // Admitted requests also wait, behind the CPU work of the others: past the bound, the
      // client has waited long enough, so answer now rather than compute a late answer.
      if (performance.now() - arrived > startWithin) return busy(c);
      await next();
    } finally {
      release();
    }
  };

  return {
    middleware,
    stats: () => ({ inFlight, queued: waiters.length, shed }),
    hasRoom: () => inFlight < maxInFlight || waiters.length < maxQueued,
    noteShed: () => void shed++,
  };
}
