/**
 * Serving with a graceful stop: on SIGTERM (or SIGINT) new requests are
 * answered 503 at once, requests already in flight run to completion, then
 * the server shuts down and `finished` resolves so the process can end. A
 * deadline bounds the wait so a stuck request cannot keep the process alive
 * for ever.
 *
 * Why not just `server.shutdown()`: in Deno 2 it also cuts off request bodies
 * still being received, so an in-flight POST would fail half-read. The
 * server therefore drains its own count of in-flight handlers first.
 *
 * @module
 */

/** Options of {@link serveGracefully}. */
export interface GracefulServeOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind; default "0.0.0.0". */
  hostname?: string;
  /** Signals that start the stop; default SIGTERM and SIGINT. */
  signals?: Deno.Signal[];
  /** Longest wait for in-flight requests after a signal, in ms; default 10,000. */
  graceMs?: number;
  /** Called once listening, with the bound address. */
  onListen?: (addr: Deno.NetAddr) => void;
  /** Called when a signal starts the stop. */
  onSignal?: (signal: Deno.Signal) => void;
}

/** How a graceful stop ended. */
export interface StopResult {
  /** True when requests were still running at the deadline (the caller may then exit). */
  timedOut: boolean;
}

/** A running server. */
export interface GracefulServer {
  /** The underlying Deno server. */
  server: Deno.HttpServer<Deno.NetAddr>;
  /**
   * Resolves once a stop has ended: every in-flight request finished, or
   * `graceMs` passed (then `timedOut`; an entry point should exit). Signal
   * listeners are removed by then.
   */
  finished: Promise<StopResult>;
  /** Starts the same graceful stop a signal would. */
  stop(): Promise<StopResult>;
}

/** Serves `handler` and installs the signal handlers. */
export function serveGracefully(
  handler: (
    request: Request,
    info: Deno.ServeHandlerInfo<Deno.NetAddr>,
  ) => Response | Promise<Response>,
  options: GracefulServeOptions,
): GracefulServer {
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  const graceMs = options.graceMs ?? 10_000;
  let inFlight = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;
  const counted = async (request: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => {
    if (draining) {
      return Response.json({ error: "server is shutting down; retry later" }, {
        status: 503,
        headers: { "Retry-After": "1", "Cache-Control": "no-store" },
      });
    }
    inFlight++;
    try {
      return await handler(request, info);
    } finally {
      if (--inFlight === 0) onIdle?.();
    }
  };
  const server = Deno.serve({
    port: options.port,
    hostname: options.hostname ?? "0.0.0.0",
    onListen: (addr) => options.onListen?.(addr as Deno.NetAddr),
  }, counted);

  const listeners: Array<[Deno.Signal, () => void]> = [];
  let stopping: Promise<StopResult> | undefined;
  const stop = (): Promise<StopResult> => {
    stopping ??= (async () => {
      for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
      draining = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<StopResult>((resolve) => {
        timer = setTimeout(() => resolve({ timedOut: true }), graceMs);
      });
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (onIdle = r));
      // Then shutdown() closes the listener and waits for response bodies still streaming.
      const drained = idle.then(() => server.shutdown()).then((): StopResult => ({
        timedOut: false,
      }));
      try {
        return await Promise.race([drained, deadline]);
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };
  let finish!: (result: StopResult) => void;
  const finished = new Promise<StopResult>((resolve) => (finish = resolve));
  const stopAndFinish = () => stop().then((result) => (finish(result), result));
  for (const signal of signals) {
    const listener = () => {
      options.onSignal?.(signal);
      void stopAndFinish();
    };
    Deno.addSignalListener(signal, listener);
    listeners.push([signal, listener]);
  }
  // A server that ends by itself (e.g. its listener fails) also counts as finished.
  server.finished.then(stopAndFinish, () => finish({ timedOut: false }));
  return { server, finished, stop: stopAndFinish };
}
