import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { Hono } from "hono";
import { jsonBody, type JsonBodyVariables } from "./json_body.ts";
import { HttpError, jsonErrorHandler, jsonNotFound } from "./errors.ts";
import { parseDigit, parseObject, requireField } from "../../lib/validation/api_input.ts";

function app(): Hono<{ Variables: JsonBodyVariables }> {
  const app = new Hono<{ Variables: JsonBodyVariables }>();
  app.onError(jsonErrorHandler({ log: () => {} }));
  app.notFound(jsonNotFound());
  app.use("/api/*", jsonBody({ maxBytes: 1024, maxDepth: 4 }));
  app.post("/api/echo", (c) => c.json({ viaVar: c.get("jsonBody"), unread: !c.req.raw.bodyUsed }));
  app.post("/api/digit", (c) => {
    const body = parseObject(c.get("jsonBody"), ["digit"]);
    return c.json({ digit: parseDigit(requireField(body, "digit")) });
  });
  app.get("/api/boom", () => {
    throw new Error("secret internals");
  });
  app.get("/api/teapot", () => {
    throw new HttpError(429, "slow down", { "Retry-After": "3" });
  });
  return app;
}

const post = (body: BodyInit, type = "application/json", headers: Record<string, string> = {}) => ({
  method: "POST",
  body,
  headers: { "content-type": type, ...headers },
});

Deno.test("jsonBody() reads the body once and hands the parsed value to the route via c.get()", async () => {
  const res = await app().request(
    "/api/echo",
    post('{"a":[1,2]}', "application/json; charset=utf-8"),
  );
  assertEquals(res.status, 200);
  assertEquals(await res.json(), { viaVar: { a: [1, 2] }, unread: false });
});

Deno.test("jsonBody() rejects bad bodies with a 4xx JSON error saying why", async () => {
  const cases: Array<[RequestInit, number, string]> = [
    [post("{}", "text/plain"), 415, "application/json"],
    [{ method: "POST", body: "{}" }, 415, "application/json"],
    [post("{"), 400, "not valid JSON"],
    [post(""), 400, "not valid JSON"],
    [post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), 400, "UTF-8"],
    [post("[[[[[1]]]]]"), 400, "deeper than 4"],
    [post(JSON.stringify({ a: "x".repeat(2000) })), 413, "1024 bytes"],
    [post("{}", "application/json", { "content-length": "99999999" }), 413, "1024 bytes"],
    [post('{"a":1,"a":2}'), 400, 'repeats the key "a"'],
    [post('{"x":[{"b":1,"b":1}]}'), 400, 'repeats the key "b"'],
  ];
  for (const [init, status, words] of cases) {
    const res = await app().request("/api/echo", init);
    const body = await res.json();
    assertEquals(res.status, status, JSON.stringify(body));
    assert(body.error.includes(words), body.error);
  }
});

Deno.test("jsonBody() stops reading a chunked body as soon as it passes the limit", async () => {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(512).fill(0x20));
      if (pulled > 1000) controller.close();
    },
  });
  const res = await app().request("/api/echo", post(stream));
  assertEquals(res.status, 413);
  assert(pulled < 10, `pulled ${pulled} chunks`);
});

Deno.test("validation errors become 400s; unknown faults a generic 500; misses a JSON 404", async () => {
  const a = app();
  const bad = await a.request("/api/digit", post('{"digit":12}'));
  assertEquals(bad.status, 400);
  assertEquals(await bad.json(), { error: "digit must be an integer from 0 to 9, got 12" });
  const missing = await a.request("/api/digit", post("{}"));
  assertEquals((await missing.json()).error, "digit is required");
  const extra = await a.request("/api/digit", post('{"digit":1,"x":2}'));
  assert((await extra.json()).error.includes("unknown field"));
  const boom = await a.request("/api/boom");
  assertEquals(boom.status, 500);
  assertEquals(await boom.json(), { error: "internal server error" });
  const teapot = await a.request("/api/teapot");
  assertEquals(teapot.status, 429);
  assertEquals(teapot.headers.get("retry-after"), "3");
  const none = await a.request("/nope");
  assertEquals(none.status, 404);
  assertEquals(await none.json(), { error: "no such resource: /nope" });
});

Deno.test("jsonBody() answers 408 when the body does not arrive in time", async () => {
  const a = new Hono();
  a.onError(jsonErrorHandler({ log: () => {} }));
  a.use(jsonBody({ timeoutMs: 50 }));
  a.post("/x", (c) => c.text("read"));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"a":'));
    },
  });
  const res = await a.request("/x", post(stream));
  assertEquals(res.status, 408);
  // The rest of the body would be read as the next request: the connection must close.
  assertEquals(res.headers.get("connection"), "close");
  assert((await res.json()).error.includes("50 ms"));
});
