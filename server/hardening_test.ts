import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { Hono } from "hono";
import { jsonErrorHandler } from "../framework/middleware/errors.ts";
import { createHardening } from "./hardening.ts";

Deno.test("createHardening() sheds API calls and pages under overload, never health or static files", async () => {
  const hardening = createHardening({ apiLoad: { maxInFlight: 1, maxQueued: 0, maxWaitMs: 0 } });
  const app = new Hono();
  for (const m of hardening.middleware) app.use(m);
  for (const path of ["/api/health", "/api/decode", "/training", "/static/x.css"]) {
    app.get(path, (c) => c.text("ok"));
  }
  const statuses = async (path: string) => {
    const all = await Promise.all(Array.from({ length: 4 }, () => app.request(path)));
    for (const r of all) await r.body?.cancel();
    return all.map((r) => r.status).sort();
  };
  assertEquals(await statuses("/api/decode"), [200, 503, 503, 503]);
  assertEquals(await statuses("/training"), [200, 503, 503, 503]);
  assertEquals(await statuses("/api/health"), [200, 200, 200, 200]);
  assertEquals(await statuses("/static/x.css"), [200, 200, 200, 200]);
  assertEquals(hardening.shedder.stats(), { inFlight: 0, queued: 0, shed: 6 });
});

Deno.test("createHardening() checks API JSON bodies once, before the route, and leaves other types to it", async () => {
  const app = new Hono();
  for (const m of createHardening().middleware) app.use(m);
  app.post("/api/decode", (c) => c.text(`route got ${JSON.stringify(c.get("jsonBody" as never))}`));
  app.onError(jsonErrorHandler());
  const huge = await app.request("/api/decode", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "[" + "1,".repeat(20_000) + "1]",
  });
  assertEquals(huge.status, 413);
  assertEquals(await huge.json(), { error: "body is larger than the limit of 16384 bytes" });
  const plain = await app.request("/api/decode", {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: "hi",
  });
  // Unread and unparsed: the route refuses it (415) or its method (405).
  assertEquals(await plain.text(), "route got undefined");
  const json = await app.request("/api/decode", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"latent":[1]}',
  });
  assertEquals(await json.text(), 'route got {"latent":[1]}');
});

Deno.test("frontDoor() refuses bad hosts with 400 and sheds before the body is read", async () => {
  let backlog = 0;
  const hardening = createHardening({
    apiLoad: { maxInFlight: 1, maxQueued: 1, maxWaitMs: 1000 },
    decodeBacklog: () => backlog,
    decodeBatch: 4,
  });
  let reached = 0;
  const door = hardening.frontDoor(() => (reached++, new Response("ok")));
  const info = {} as Deno.ServeHandlerInfo<Deno.NetAddr>;
  const req = (host: string | null, path = "/api/decode", method = "POST") => {
    const headers = new Headers();
    if (host !== null) headers.set("host", host);
    let pulled = false;
    const body = method === "POST"
      ? new ReadableStream({ pull: (c) => (pulled = true, c.close()) }, { highWaterMark: 0 })
      : null;
    const r = new Request(`http://localhost${path}`, { method, headers, body });
    return { r, pulled: () => pulled };
  };
  for (const host of [null, "a b", "a:99999", "["]) {
    const res = await door(req(host).r, info);
    assertEquals(res.status, 400, String(host));
    assertEquals(res.headers.get("x-frame-options"), "DENY");
    assertEquals(res.headers.get("connection"), "close");
  }
  // 1 slot x 4 decodes per batch: the fifth waiting decode is refused, its body untouched.
  backlog = 3;
  assertEquals((await door(req("localhost").r, info)).status, 200);
  backlog = 4;
  const shed = req("localhost:8000");
  const res = await door(shed.r, info);
  assertEquals([res.status, res.headers.get("retry-after"), shed.pulled()], [503, "1", false]);
  assert(res.headers.get("content-security-policy")?.includes("default-src 'self'"));
  assertEquals([reached, hardening.shedder.stats().shed], [1, 1]);
});
