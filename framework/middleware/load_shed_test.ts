import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { Hono } from "hono";
import { loadShedder } from "./load_shed.ts";

/** An app whose one route waits until the test releases it. */
function blockingApp(options: Parameters<typeof loadShedder>[0]) {
  const shedder = loadShedder(options);
  const gates: Array<() => void> = [];
  const app = new Hono();
  app.use(shedder.middleware);
  app.get("/work", async (c) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return c.text("done");
  });
  const releaseAll = async () => {
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { app, shedder, gates, releaseAll };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

Deno.test("loadShedder() runs maxInFlight, queues maxQueued, sheds the rest with 503 and Retry-After", async () => {
  const { app, shedder, releaseAll } = blockingApp({
    maxInFlight: 2,
    maxQueued: 3,
    maxWaitMs: 10_000,
    retryAfterSeconds: 2,
  });
  const pending = Array.from({ length: 8 }, () => app.request("/work"));
  await tick();
  assertEquals(shedder.stats(), { inFlight: 2, queued: 3, shed: 3 });
  // Queued requests run as slots free up; all five admitted ones finish.
  const drain = (async () => {
    while (shedder.stats().inFlight > 0) {
      await releaseAll();
      await tick();
    }
  })();
  const responses = await Promise.all(pending);
  await drain;
  const statuses = responses.map((r) => r.status).sort();
  assertEquals(statuses, [200, 200, 200, 200, 200, 503, 503, 503]);
  const shed = responses.find((r) => r.status === 503)!;
  assertEquals(shed.headers.get("retry-after"), "2");
  assertEquals(await shed.json(), { error: "server is busy; retry later" });
  for (const r of responses) if (!r.bodyUsed) await r.body?.cancel();
  assertEquals(shedder.stats(), { inFlight: 0, queued: 0, shed: 3 });
});

Deno.test("loadShedder() sheds a queued request that waits past maxWaitMs", async () => {
  const { app, shedder, releaseAll } = blockingApp({ maxInFlight: 1, maxQueued: 5, maxWaitMs: 20 });
  const first = app.request("/work");
  const second = app.request("/work");
  await new Promise((r) => setTimeout(r, 60));
  const late = await second;
  assertEquals(late.status, 503);
  assertEquals(late.headers.get("retry-after"), "1");
  await late.body?.cancel();
  await releaseAll();
  assertEquals((await first).status, 200);
  assertEquals(shedder.stats(), { inFlight: 0, queued: 0, shed: 1 });
});

Deno.test("loadShedder() frees the slot when the route throws", async () => {
  const shedder = loadShedder({ maxInFlight: 1, maxQueued: 0, maxWaitMs: 0 });
  const app = new Hono();
  app.use(shedder.middleware);
  app.get("/fail", () => {
    throw new Error("x");
  });
  app.onError((_e, c) => c.text("handled", 400));
  for (let i = 0; i < 3; i++) assertEquals((await app.request("/fail")).status, 400);
  assertEquals(shedder.stats(), { inFlight: 0, queued: 0, shed: 0 });
});

Deno.test("loadShedder() sees a backlog of synchronous routes and sheds it", async () => {
  const shedder = loadShedder({ maxInFlight: 2, maxQueued: 3, maxWaitMs: 10_000 });
  const app = new Hono();
  app.use(shedder.middleware);
  let ran = 0;
  app.get("/sync", (c) => {
    ran++;
    return c.text("ok");
  });
  const responses = await Promise.all(Array.from({ length: 10 }, () => app.request("/sync")));
  const statuses = responses.map((r) => r.status).sort();
  assertEquals(statuses, [200, 200, 200, 200, 200, 503, 503, 503, 503, 503]);
  assertEquals(ran, 5);
  assertEquals(shedder.stats(), { inFlight: 0, queued: 0, shed: 5 });
});

Deno.test("loadShedder() sheds an admitted request whose turn comes after startWithinMs", async () => {
  const shedder = loadShedder({ maxInFlight: 8, maxQueued: 0, maxWaitMs: 0, startWithinMs: 250 });
  const app = new Hono();
  app.use(shedder.middleware);
  app.get("/slow", (c) => {
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // Synchronous CPU work, as the muddle routes do.
    }
    return c.text("ok");
  });
  const responses = await Promise.all(Array.from({ length: 8 }, () => app.request("/slow")));
  const ok = responses.filter((r) => r.status === 200).length;
  // 100 ms each: about three start within 250 ms of arriving (fewer on a busy machine); the
  // others' turns come too late and they are shed without running.
  assertEquals([ok >= 1 && ok <= 4, responses.length - ok], [true, shedder.stats().shed]);
  assertEquals(responses.find((r) => r.status === 503)?.headers.get("retry-after"), "1");
  for (const r of responses) if (!r.bodyUsed) await r.body?.cancel();
  assertEquals(shedder.stats().inFlight, 0);
});
