/**
 * The flood part of `deno task bench:api --flood`: `wrk` posts decode
 * requests at 64 connections, then at the flood level (default 1,000), while
 * a separate well-behaved client sends 4 decode requests a second on its own
 * connection. Prints successful decodes/s at both levels, their ratio, and
 * how many of the polite client's requests got a 200.
 *
 * `wrk` is used because one Deno client process cannot open 1,000 busy
 * connections without becoming the bottleneck itself.
 *
 * @module
 */
import { RawHttpConnection } from "./raw_http.ts";

/** One wrk run. */
export interface FloodLevel {
  connections: number;
  seconds: number;
  /** All answers wrk counted. */
  requests: number;
  /** Answers that were not 2xx/3xx (503s from shedding, mostly). */
  non2xx: number;
  /** Socket errors (connect, read, write, timeout). */
  socketErrors: number;
  /** 200 answers per second. */
  okPerSecond: number;
  /** The polite client's requests sent and answered 200 during this level. */
  polite: { sent: number; ok: number };
}

const LUA = `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"latent":[0.1,-0.2,0.3,0.05,-0.4,0.2,0.0,0.15,-0.1,0.3]}'
`;

/** Runs wrk at `connections` for `seconds` against `base`'s /api/decode, with the polite client. */
export async function floodLevel(
  base: string,
  connections: number,
  seconds: number,
): Promise<FloodLevel> {
  const script = await Deno.makeTempFile({ suffix: ".lua" });
  await Deno.writeTextFile(script, LUA);
  const url = new URL(base);
  let polling = true;
  const polite = { sent: 0, ok: 0 };
  const politeClient = (async () => {
    // Starts once wrk has opened its connections, and stops before it ends.
    await new Promise((r) => setTimeout(r, 1000));
    const until = performance.now() + (seconds - 1.5) * 1000;
    while (polling && performance.now() < until) {
      const t0 = performance.now();
      polite.sent++;
      try {
        const conn = await RawHttpConnection.open(url.hostname, Number(url.port));
        const res = await Promise.race([
          conn.request({
            method: "POST",
            target: "/api/decode",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ latent: new Array(10).fill(0.25) }),
          }),
          new Promise<null>((r) => setTimeout(() => r(null), 2000)),
        ]);
        conn.close();
        if (res?.status === 200) polite.ok++;
      } catch {
        // Counted as a failure: sent, not ok.
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 250 - (performance.now() - t0))));
    }
  })();
  try {
    const out = await new Deno.Command("wrk", {
      args: [
        `-t2`,
        `-c${connections}`,
        `-d${seconds}s`,
        `--timeout`,
        `5s`,
        `-s`,
        script,
        `${base}/api/decode`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    if (!out.success) throw new Error(`wrk failed: ${text}`);
    const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
    const requests = num(/(\d+) requests in/);
    const elapsed = num(/requests in ([\d.]+)s/) || seconds;
    const non2xx = num(/Non-2xx or 3xx responses: (\d+)/);
    const m = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
    const socketErrors = m ? m.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
    polling = false;
    await politeClient;
    return {
      connections,
      seconds: elapsed,
      requests,
      non2xx,
      socketErrors,
      okPerSecond: Math.round((requests - non2xx) / elapsed),
      polite,
    };
  } finally {
    polling = false;
    await politeClient;
    await Deno.remove(script);
  }
}

/** The flood comparison: 64 connections, then `flood`, same server, same run. */
export async function runFlood(
  base: string,
  flood: number,
  seconds: number,
): Promise<{ levels: FloodLevel[]; ratio: number; politeShare: number }> {
  try {
    await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" }).output();
  } catch {
    throw new Error("wrk is not installed: `apt-get install wrk` (Debian)");
  }
  const levels: FloodLevel[] = [];
  console.log("flood: wrk POST /api/decode; polite client 4 req/s on its own connections");
  console.log(" conn     ok/s   answers    non-2xx  sock-err  polite ok/sent");
  for (const connections of [64, flood]) {
    const l = await floodLevel(base, connections, seconds);
    levels.push(l);
    console.log(
      `${String(l.connections).padStart(5)} ${String(l.okPerSecond).padStart(8)} ${
        String(l.requests).padStart(9)
      } ${String(l.non2xx).padStart(10)} ${
        String(l.socketErrors).padStart(9)
      }  ${l.polite.ok}/${l.polite.sent}`,
    );
  }
  const ratio = levels[1].okPerSecond / Math.max(1, levels[0].okPerSecond);
  const politeShare = levels[1].polite.ok / Math.max(1, levels[1].polite.sent);
  console.log(
    `flood ratio: ${flood} vs 64 connections ${(ratio * 100).toFixed(1)}% (target >= 50%); ` +
      `polite client ${(politeShare * 100).toFixed(1)}% ok at ${flood} (target >= 90%)`,
  );
  return { levels, ratio, politeShare };
}
