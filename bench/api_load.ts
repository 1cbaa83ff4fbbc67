/**
 * `deno task bench:api [--seconds S] [--concurrency 1,8,32,64] [--endpoints muddle,decode]
 *  [--methods avg,farthest,boundary] [--overload C] [--url http://127.0.0.1:PORT]
 *  [--flood [C]]`
 *
 * Starts the server (main.ts) as a second process on a free localhost port,
 * warms it up, drives /api/muddle and /api/decode for S seconds (default 5)
 * at each concurrency level over keep-alive connections, and prints
 * successful requests/s and their p50/p99 latency, errors, and shed requests
 * (503 with Retry-After, the designed answer to overload) per level, and the server's memory
 * (RSS) and tfjs tensor count at start, every 5 s, and at the end. With
 * `--overload C` it then drives /api/muddle with C connections, where 503s
 * with Retry-After are the expected answer to the excess. The last line is
 * JSON; the exit status is 1 if any level had an error (shed requests are
 * not errors).
 * With --url it drives a server that is already running (memory unread).
 * With `--flood [C]` (default 1,000) it only runs the flood comparison of
 * bench/api_flood.ts: wrk at 64 and at C connections, plus a polite client.
 */
import { RawHttpConnection, type RawRequest } from "./raw_http.ts";
import { runFlood } from "./api_flood.ts";

interface Options {
  seconds: number;
  overload: number;
  concurrency: number[];
  endpoints: string[];
  /** Muddle methods the /api/muddle requests cycle through. */
  methods: string[];
  url: string | null;
  /** Connections of the flood comparison; 0 when not asked for. */
  flood: number;
}

/** One (endpoint, concurrency) run. */
interface LevelResult {
  endpoint: string;
  concurrency: number;
  seconds: number;
  /** Answers of any status. */
  requests: number;
  /** 200 answers per second. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers other than 200 and shed requests, and socket errors. */
  errors: number;
  statuses: Record<string, number>;
  /** 503 answers that carried Retry-After (load shedding). */
  shedWithRetryAfter: number;
}

interface ServerSample {
  rssMb: number | null;
  tensors: number;
}

function parseArgs(args: string[]): Options {
  const options: Options = {
    seconds: 5,
    overload: 0,
    methods: ["avg", "farthest", "boundary"],
    concurrency: [1, 8, 32, 64],
    endpoints: ["muddle", "decode"],
    url: null,
    flood: 0,
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    const need = () => {
      if (value === undefined) throw new RangeError(`${flag} needs a value`);
      i++;
      return value;
    };
    if (flag === "--seconds") {
      options.seconds = Number(need());
      if (!(options.seconds > 0 && options.seconds <= 600)) {
        throw new RangeError(`--seconds must be a number in (0, 600], got ${value}`);
      }
    } else if (flag === "--concurrency") {
      options.concurrency = need().split(",").map(Number);
      if (options.concurrency.some((c) => !Number.isInteger(c) || c < 1 || c > 1024)) {
        throw new RangeError(`--concurrency must list integers from 1 to 1024, got ${value}`);
      }
    } else if (flag === "--endpoints") {
      options.endpoints = need().split(",");
      if (options.endpoints.some((e) => e !== "muddle" && e !== "decode")) {
        throw new RangeError(`--endpoints must list muddle and/or decode, got ${value}`);
      }
    } else if (flag === "--overload") {
      options.overload = Number(need());
      if (!Number.isInteger(options.overload) || options.overload < 0 || options.overload > 2000) {
        throw new RangeError(`--overload must be an integer from 0 to 2000, got ${value}`);
      }
    } else if (flag === "--methods") {
      options.methods = need().split(",");
      if (options.methods.some((m) => !["avg", "farthest", "boundary"].includes(m))) {
        throw new RangeError(`--methods must list avg, farthest and/or boundary, got ${value}`);
      }
    } else if (flag === "--flood") {
      // The count is optional: `--flood` alone floods with 1,000 connections.
      if (value !== undefined && /^\d+$/.test(value)) {
        i++;
        options.flood = Number(value);
      } else options.flood = 1000;
      if (!(options.flood >= 65 && options.flood <= 10_000)) {
        throw new RangeError(`--flood must be an integer from 65 to 10000, got ${value}`);
      }
    } else if (flag === "--url") {
      options.url = need();
    } else {
      throw new RangeError(`unknown option ${flag}`);
    }
  }
  return options;
}

/** A deterministic request mix: latents near the origin, muddles over digits, methods and seeds. */
function requestMix(endpoint: string, methods: string[]): RawRequest[] {
  const out: RawRequest[] = [];
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let i = 0; i < 300; i++) {
    if (endpoint === "decode") {
      const latent = Array.from({ length: 10 }, () => Math.round(rand() * 3e4) / 1e4);
      out.push({
        method: "POST",
        target: "/api/decode",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ latent }),
      });
    } else {
      const q = `digit=${i % 10}&method=${methods[i % methods.length]}&seed=${i}`;
      out.push({ method: "GET", target: `/api/muddle?${q}` });
    }
  }
  return out;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function runLevel(
  host: string,
  port: number,
  endpoint: string,
  concurrency: number,
  seconds: number,
  methods: string[],
): Promise<LevelResult> {
  const mix = requestMix(endpoint, methods);
  // Latencies of successful answers only: a shed request's quick 503 is not a served request.
  const latencies: number[] = [];
  let answers = 0;
  const statuses: Record<string, number> = {};
  let errors = 0;
  let shedWithRetryAfter = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (w: number) => {
    let conn: RawHttpConnection | null = null;
    let i = w * 37;
    while (performance.now() < deadline) {
      try {
        conn ??= await RawHttpConnection.open(host, port);
        const t0 = performance.now();
        const res = await conn.request(mix[i++ % mix.length]);
        answers++;
        if (res.status === 200) latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 503 && res.headers.has("retry-after")) shedWithRetryAfter++;
        else if (res.status !== 200) errors++;
        if (conn.closed) conn = null;
      } catch {
        errors++;
        statuses.socket = (statuses.socket ?? 0) + 1;
        conn?.close();
        conn = null;
      }
    }
    conn?.close();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    endpoint,
    concurrency,
    seconds: round(elapsed),
    requests: answers,
    okPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    errors,
    statuses,
    shedWithRetryAfter,
  };
}

async function sample(base: string, pid: number | null): Promise<ServerSample> {
  const health = await (await fetch(`${base}/api/health`)).json();
  let rssMb: number | null = null;
  if (pid !== null) {
    // `ps` rather than /proc, which Deno only reads with --allow-all.
    try {
      const out = await new Deno.Command("ps", { args: ["-o", "rss=", "-p", String(pid)] })
        .output();
      const kb = Number(new TextDecoder().decode(out.stdout).trim());
      if (out.success && kb > 0) rssMb = Math.round(kb / 102.4) / 10;
    } catch {
      // No ps: memory is reported as null.
    }
  }
  return { rssMb, tensors: health.tensors };
}

async function waitForHealth(base: string, child: Deno.ChildProcess | null): Promise<void> {
  const until = Date.now() + 120_000;
  let exited = false;
  child?.status.then(() => (exited = true));
  while (Date.now() < until) {
    if (exited) throw new Error("the server exited before answering /api/health");
    try {
      const res = await fetch(`${base}/api/health`);
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not answer /api/health within 120 s");
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(Deno.args);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let child: Deno.ChildProcess | null = null;
  let base = options.url;
  if (base === null) {
    const port = freePort();
    base = `http://127.0.0.1:${port}`;
    const root = new URL("../", import.meta.url);
    child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-read", "--allow-env", "main.ts"],
      cwd: root.pathname,
      env: { PORT: String(port) },
      stdout: "null",
      stderr: "inherit",
    }).spawn();
  }
  const url = new URL(base);
  try {
    await waitForHealth(base, child);
    if (options.flood > 0) {
      const flood = await runFlood(base, options.flood, options.seconds);
      console.log(JSON.stringify({ url: base, flood }));
      return 0;
    }
    const pid = child?.pid ?? null;
    // Warm up (JIT, tfjs kernels, heap growth) before the start sample.
    for (const endpoint of options.endpoints) {
      await runLevel(url.hostname, Number(url.port), endpoint, 8, 1, options.methods);
    }
    const start = await sample(base, pid);
    console.log(`server ${base}: rss ${start.rssMb} MB, tensors ${start.tensors}`);
    const timeline: ServerSample[] = [start];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await new Promise((r) => setTimeout(r, 5_000));
        if (sampling) timeline.push(await sample(base!, pid));
      }
    })();
    console.log("endpoint  conc     ok/s   p50 ms   p99 ms   max ms  errors    shed");
    const levels: LevelResult[] = [];
    const show = (r: LevelResult) =>
      console.log(
        `${r.endpoint.padEnd(8)} ${String(r.concurrency).padStart(5)} ${
          String(r.okPerSecond).padStart(8)
        } ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${
          r.maxMs.toFixed(1).padStart(8)
        } ${String(r.errors).padStart(7)} ${String(r.shedWithRetryAfter).padStart(7)}`,
      );
    for (const endpoint of options.endpoints) {
      for (const concurrency of options.concurrency) {
        const r = await runLevel(
          url.hostname,
          Number(url.port),
          endpoint,
          concurrency,
          options.seconds,
          options.methods,
        );
        levels.push(r);
        show(r);
      }
    }
    sampling = false;
    await sampler;
    // Let batches and timers settle before the end sample.
    await new Promise((r) => setTimeout(r, 500));
    const end = await sample(base, pid);
    timeline.push(end);
    console.log(`server end: rss ${end.rssMb} MB, tensors ${end.tensors}`);
    console.log(`rss timeline (MB): ${timeline.map((t) => t.rssMb).join(" ")}`);
    console.log(`tensor timeline: ${timeline.map((t) => t.tensors).join(" ")}`);
    let overload: LevelResult | null = null;
    if (options.overload > 0) {
      overload = await runLevel(
        url.hostname,
        Number(url.port),
        "muddle",
        options.overload,
        options.seconds,
        options.methods,
      );
      show(overload);
      console.log(
        `overload: ${overload.shedWithRetryAfter} of ${overload.requests} answered 503 with Retry-After; statuses ${
          JSON.stringify(overload.statuses)
        }`,
      );
      const health = await fetch(`${base}/api/health`);
      console.log(`health after overload: ${health.status}`);
      await health.body?.cancel();
    }
    console.log(JSON.stringify({
      url: base,
      secondsPerLevel: options.seconds,
      muddleMethods: options.methods,
      levels,
      overload,
      server: { start, end, timeline },
    }));
    return levels.some((l) => l.errors > 0) || (overload?.errors ?? 0) > 0 ? 1 : 0;
  } finally {
    if (child) {
      child.kill("SIGTERM");
      await child.status;
    }
  }
}

if (import.meta.main) Deno.exit(await main());
