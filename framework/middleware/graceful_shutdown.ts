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
 * A listener that fails (out of file descriptors: `Deno.serve` then stops
 * accepting for good) is never silent: the failure is logged and the server
 * listens again on the same address, retrying every `relistenEveryMs`, until
 * `relistenForMs` have passed; then `finished` resolves with `failed`, and
 * the entry point exits non-zero for its supervisor to restart it.
 *
 * @module
 */
import { securityHeaderList } from "./security_headers.ts";

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
  /** Where listener failures are reported, one line each; default `console.error`. */
  onError?: (line: string) => void;
  /** Pause between attempts to listen again after a failure, in ms; default 500. */
  relistenEveryMs?: number;
  /** How long to keep trying before giving up (`failed`), in ms; default 60,000. */
  relistenForMs?: number;
}

/** How a graceful stop ended. */
export interface StopResult {
  /** True when requests were still running at the deadline (the caller may then exit). */
  timedOut: boolean;
  /** Set when the listener failed and could not be restored: the process should exit non-zero. */
  failed?: string;
}

/** A running server. */
export interface GracefulServer {
  /** The underlying Deno server (the latest one, after a re-listen). */
  readonly server: Deno.HttpServer<Deno.NetAddr>;
  /** How many times the listener failed and was restored. */
  readonly relistens: number;
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
  const drainingHeaders: Array<[string, string]> = [
    ["Retry-After", "1"],
    ["Cache-Control", "no-store"],
    ...securityHeaderList(),
  ];
  const counted = async (request: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => {
    if (draining) {
      return Response.json({ error: "server is shutting down; retry later" }, {
        status: 503,
        headers: drainingHeaders,
      });
    }
    inFlight++;
    try {
      return await handler(request, info);
    } finally {
      if (--inFlight === 0) onIdle?.();
    }
  };
  const report = options.onError ?? ((line: string) => console.error(line));
  const everyMs = options.relistenEveryMs ?? 500;
  const forMs = options.relistenForMs ?? 60_000;
  const hostname = options.hostname ?? "0.0.0.0";
  let port = options.port;
  let relistens = 0;
  const listen = (first: boolean) =>
    Deno.serve({
      port,
      hostname,
      onListen: (addr) => {
        port = (addr as Deno.NetAddr).port;
        if (first) options.onListen?.(addr as Deno.NetAddr);
        else report(`listening again on ${hostname}:${port}`);
      },
    }, counted);
  let server = listen(true);

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
  // A listener that ends by itself is restored, or the stop reports why it could not be.
  const watch = (current: Deno.HttpServer<Deno.NetAddr>): void => {
    current.finished.then(
      () => {
        if (!stopping) void stopAndFinish();
      },
      async (error) => {
        if (stopping) return;
        report(`listener on ${hostname}:${port} failed: ${(error as Error)?.message ?? error}`);
        const until = Date.now() + forMs;
        while (!stopping && Date.now() < until) {
          await new Promise((r) => setTimeout(r, everyMs));
          if (stopping) return;
          try {
            server = listen(false);
            relistens++;
            watch(server);
            return;
          } catch (retryError) {
            report(`cannot listen again yet: ${(retryError as Error).message}`);
          }
        }
        if (stopping) return;
        const failed =
          `listener on ${hostname}:${port} failed and could not be restored within ${forMs} ms`;
        report(failed);
        draining = true;
        for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
        finish({ timedOut: false, failed });
      },
    );
  };
  watch(server);
  return {
    get server() {
      return server;
    },
    get relistens() {
      return relistens;
    },
    finished,
    stop: stopAndFinish,
  };
}
