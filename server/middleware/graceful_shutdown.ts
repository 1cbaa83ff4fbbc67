/**
 * Serving with a graceful stop: on SIGTERM (or SIGINT) the listener closes,
 * requests already in flight run to completion, then `finished` resolves and
 * the process can end. A deadline bounds the wait so a stuck request cannot
 * keep the process alive for ever.
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

/** A running server. */
export interface GracefulServer {
  /** The underlying Deno server. */
  server: Deno.HttpServer<Deno.NetAddr>;
  /** Resolves once the server has stopped and signal listeners are removed. */
  finished: Promise<void>;
  /** Starts the same graceful stop a signal would. */
  stop(): Promise<void>;
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
  const abort = new AbortController();
  const server = Deno.serve({
    port: options.port,
    hostname: options.hostname ?? "0.0.0.0",
    signal: abort.signal,
    onListen: (addr) => options.onListen?.(addr as Deno.NetAddr),
  }, handler);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // shutdown() stops accepting and waits for in-flight requests; the timer cuts it short.
      const deadline = setTimeout(() => abort.abort(), graceMs);
      try {
        await server.shutdown();
      } finally {
        clearTimeout(deadline);
      }
    })();
    return stopping;
  };
  const listeners = signals.map((signal) => {
    const listener = () => {
      options.onSignal?.(signal);
      void stop();
    };
    Deno.addSignalListener(signal, listener);
    return [signal, listener] as const;
  });
  const finished = server.finished.then(() => {
    for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
  });
  return { server, finished, stop };
}
