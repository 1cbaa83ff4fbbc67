import { deepStrictEqual as assertEquals } from "node:assert/strict";
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

Deno.test("createHardening() checks API JSON bodies before the route and leaves other types to it", async () => {
  const app = new Hono();
  for (const m of createHardening().middleware) app.use(m);
  app.post("/api/decode", async (c) => c.text(`route got ${await c.req.text()}`));
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
  assertEquals(await plain.text(), "route got hi");
});
