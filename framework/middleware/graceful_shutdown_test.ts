import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { serveGracefully } from "./graceful_shutdown.ts";
import { securityHeaderList } from "./security_headers.ts";

Deno.test("serveGracefully().stop() finishes the in-flight request, sheds new ones, then closes", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const inHandler = new Promise<void>((r) => (started = r));
  const served = serveGracefully(async () => {
    started();
    await gate;
    return new Response("finished");
  }, { port: 0, hostname: "127.0.0.1", signals: [], onListen: () => {} });
  const port = served.server.addr.port;
  const pending = fetch(`http://127.0.0.1:${port}/`);
  await inHandler;
  const stopping = served.stop();
  await new Promise((r) => setTimeout(r, 50));
  const late = await fetch(`http://127.0.0.1:${port}/`);
  assertEquals(late.status, 503);
  assertEquals(late.headers.get("retry-after"), "1");
  // Answers made while draining carry the same security headers as every other answer.
  for (const [name, value] of securityHeaderList()) assertEquals(late.headers.get(name), value);
  assert((await late.json()).error.includes("shutting down"));
  release();
  const res = await pending;
  assertEquals(await res.text(), "finished");
  assertEquals(await stopping, { timedOut: false });
  assertEquals(await served.finished, { timedOut: false });
  let refused = false;
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port })).close();
  } catch {
    refused = true;
  }
  assert(refused, "still accepting after the stop ended");
});

Deno.test("serveGracefully().stop() reports a timeout when a request outlasts graceMs", async () => {
  let started!: () => void;
  const inHandler = new Promise<void>((r) => (started = r));
  const served = serveGracefully(async () => {
    started();
    await new Promise((r) => setTimeout(r, 600));
    return new Response("late");
  }, { port: 0, hostname: "127.0.0.1", signals: [], graceMs: 100, onListen: () => {} });
  const pending = fetch(`http://127.0.0.1:${served.server.addr.port}/`);
  await inHandler;
  const t0 = performance.now();
  assertEquals(await served.stop(), { timedOut: true });
  assertEquals(await served.finished, { timedOut: true });
  const waited = performance.now() - t0;
  assert(waited >= 90, `returned after ${waited} ms, before the grace period`);
  // The slow request still completes; then the server can be shut down.
  assertEquals(await (await pending).text(), "late");
  await served.server.shutdown();
});
