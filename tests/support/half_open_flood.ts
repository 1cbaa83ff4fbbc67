/**
 * An idle-connection flood for the fault tests: `count` connections that
 * send part of a request and never finish their headers, each reopened
 * when the server closes it, until `stop()`. Also a probe that asks for
 * /api/health on a fresh connection at a steady pace and records how long
 * each answer took.
 *
 * @module
 */
import { RawHttpConnection } from "../../bench/raw_http.ts";

/** A running flood. */
export interface HalfOpenFlood {
  /** Connections open now. */
  open(): number;
  /** Connections the server closed (each was reopened). */
  closedByServer(): number;
  /** Connection attempts that failed. */
  refused(): number;
  /** Closes every connection and stops reopening. */
  stop(): Promise<void>;
}

const PARTIAL = new TextEncoder().encode("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-A: ");

/** Opens the flood against 127.0.0.1:`port`. */
export function halfOpenFlood(port: number, count: number): HalfOpenFlood {
  const conns = new Set<Deno.TcpConn>();
  let running = true;
  let closed = 0;
  let refused = 0;
  const hold = async () => {
    while (running) {
      let conn: Deno.TcpConn;
      try {
        conn = await Deno.connect({ hostname: "127.0.0.1", port });
      } catch {
        refused++;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      conns.add(conn);
      try {
        await conn.write(PARTIAL);
        // Wait until the server closes it (or answers 408 and closes).
        const buf = new Uint8Array(1024);
        while ((await conn.read(buf)) !== null) { /* drain */ }
        if (running) closed++;
      } catch {
        if (running) closed++;
      } finally {
        conns.delete(conn);
        try {
          conn.close();
        } catch { /* already closed */ }
      }
    }
  };
  const workers = Array.from({ length: count }, () => hold());
  return {
    open: () => conns.size,
    closedByServer: () => closed,
    refused: () => refused,
    async stop() {
      running = false;
      for (const c of conns) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
      await Promise.all(workers);
    },
  };
}

/** One health probe: when it was sent (ms since the probe started), and how it went. */
export interface ProbeSample {
  at: number;
  ok: boolean;
  ms: number;
}

/** Probes `${base}/api/health` every `everyMs` with a `timeoutMs` limit, until stopped. */
export function healthProbe(base: string, everyMs = 250, timeoutMs = 2000) {
  const samples: ProbeSample[] = [];
  const start = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      let ok = false;
      // A fresh connection each time: under a flood, being accepted at all is what counts.
      let conn: RawHttpConnection | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const url = new URL(base);
        const answer = (async () => {
          conn = await RawHttpConnection.open(url.hostname, Number(url.port));
          return await conn.request({ method: "GET", target: "/api/health" });
        })();
        const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)));
        const res = await Promise.race([answer, late]);
        answer.catch(() => {});
        ok = res?.status === 200;
      } catch {
        ok = false;
      } finally {
        clearTimeout(timer);
        (conn as RawHttpConnection | null)?.close();
      }
      const ms = performance.now() - t0;
      samples.push({ at: t0 - start, ok: ok && ms <= timeoutMs, ms });
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - ms)));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}
