/**
 * Idle-connection floods under a low descriptor limit (`deno task test:faults`).
 * `deno task start` (main.ts) must never die silently: its listener's failure
 * is logged and the server listens again once descriptors free up, or it
 * exits non-zero when it cannot. `deno task start:proxy` (nginx in front)
 * must keep answering /api/health within 2 s through the flood.
 * Sizes come from the environment so a slower machine can use smaller ones.
 */
import { ok as assert } from "node:assert/strict";
import { waitForHealth } from "../support/processes.ts";
import { halfOpenFlood, healthProbe } from "../support/half_open_flood.ts";
import { freePort, startLogged } from "../support/logged_process.ts";

const env = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

/** The port main.ts reports once listening (started with PORT=0: no free-port race). */
async function listeningPort(log: () => string, timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = /Muddle explorer on http:\/\/[^:]+:(\d+)\//.exec(log());
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not report its port: ${log()}`);
}

const deno = Deno.execPath();
const APP = `${deno} run --allow-net --allow-read --allow-env main.ts`;

Deno.test("deno task start under ulimit -n 300: a flood of 400 idle connections is logged, and the server listens again after it", async () => {
  const server = startLogged(APP, { PORT: "0" }, env("FAULT_APP_NOFILE", 300));
  try {
    const port = await listeningPort(server.log);
    await waitForHealth(`http://127.0.0.1:${port}`, 120_000);
    const flood = halfOpenFlood(port, env("FAULT_APP_FLOOD", 400));
    const until = Date.now() + 20_000;
    while (!server.log().includes("failed") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await flood.stop();
    assert(/listener on .* failed: .*open files/i.test(server.log()), server.log());
    await waitForHealth(`http://127.0.0.1:${port}`, 20_000);
    // The log line may arrive a moment after the first answer.
    for (let i = 0; i < 50 && !server.log().includes("listening again"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert(server.log().includes("listening again"), server.log());
    if (Deno.env.get("FAULT_VERBOSE")) console.log(server.log());
  } finally {
    await server.end();
  }
});

Deno.test("deno task start exits 1, with a message, when its listener cannot be restored", async () => {
  const server = startLogged(
    APP,
    { PORT: "0", MUDDLE_RELISTEN_FOR_MS: "0" },
    env("FAULT_APP_NOFILE", 300),
  );
  try {
    const port = await listeningPort(server.log);
    await waitForHealth(`http://127.0.0.1:${port}`, 120_000);
    const flood = halfOpenFlood(port, env("FAULT_APP_FLOOD", 400));
    const status = await Promise.race([
      server.child.status,
      new Promise<null>((r) => setTimeout(() => r(null), 30_000)),
    ]);
    await flood.stop();
    assert(status !== null, `still running: ${server.log()}`);
    assert(status.code === 1, `exit ${status.code}: ${server.log()}`);
    assert(server.log().includes("could not be restored"), server.log());
  } finally {
    await server.end();
  }
});

Deno.test("deno task start:proxy under ulimit -n 1024 answers /api/health within 2 s through 1,500 idle connections held 30 s", async () => {
  const port = freePort();
  const seconds = env("FAULT_PROXY_SECONDS", 30);
  const server = startLogged(
    `${deno} run -A proxy/start_proxy.ts`,
    { PORT: String(port), HOST: "127.0.0.1" },
    env("FAULT_PROXY_NOFILE", 1024),
  );
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, 180_000);
    const probe = healthProbe(`http://127.0.0.1:${port}`, 250, 2000);
    const flood = halfOpenFlood(port, env("FAULT_PROXY_FLOOD", 1500));
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const peak = flood.open();
    await flood.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await probe.stop();
    const secondHalf = probe.samples.filter((s) => s.at >= seconds * 500);
    const failed = secondHalf.filter((s) => !s.ok);
    const worst = Math.max(...secondHalf.map((s) => s.ms));
    console.log(
      `proxy flood: ${peak} idle connections open at the end, ${flood.closedByServer()} closed by nginx; ` +
        `health ${
          secondHalf.length - failed.length
        }/${secondHalf.length} ok in the second half and after, worst ${worst.toFixed(0)} ms`,
    );
    assert(peak >= 1000, `the flood held only ${peak} connections`);
    assert(secondHalf.length >= seconds / 2, `only ${secondHalf.length} probes`);
    assert(failed.length === 0, `failed probes: ${JSON.stringify(failed.slice(0, 5))}`);
    await waitForHealth(`http://127.0.0.1:${port}`, 2_000);
  } finally {
    const status = await server.end();
    assert(
      status.code === 0 || status.signal === "SIGTERM",
      `exit ${status.code}: ${server.log()}`,
    );
  }
});
