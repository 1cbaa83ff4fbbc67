import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { Hono } from "hono";
import {
  securityHeaderList,
  securityHeaders,
  type SecurityHeadersVariables,
} from "./security_headers.ts";

Deno.test("securityHeaders() sets a CSP without inline script, nosniff and a referrer policy", async () => {
  const app = new Hono();
  app.use(securityHeaders());
  app.get("/", (c) => c.html("<p>hi</p>"));
  app.get("/missing", (c) => c.json({ error: "x" }, 404));
  for (const path of ["/", "/missing"]) {
    const res = await app.request(path);
    await res.body?.cancel();
    const csp = res.headers.get("content-security-policy")!;
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    assertEquals(script, "script-src 'self' 'wasm-unsafe-eval'");
    assert(!script.includes("'unsafe-inline'") && !script.includes("'unsafe-eval'"));
    assert(csp.includes("object-src 'none'") && csp.includes("frame-ancestors 'none'"));
    assert(csp.includes("img-src 'self' data: blob:"));
    assertEquals(res.headers.get("x-content-type-options"), "nosniff");
    assertEquals(res.headers.get("referrer-policy"), "no-referrer");
  }
});

Deno.test("securityHeaders() gives each answer a fresh nonce when asked", async () => {
  const app = new Hono<{ Variables: SecurityHeadersVariables }>();
  app.use(securityHeaders({ scriptNonce: true }));
  app.get("/", (c) => c.text(c.get("secureHeadersNonce") ?? ""));
  const a = await app.request("/");
  const b = await app.request("/");
  const nonceA = await a.text();
  assert(nonceA.length >= 20 && nonceA !== await b.text());
  assert(a.headers.get("content-security-policy")!.includes(`'nonce-${nonceA}'`));
});

Deno.test("securityHeaders() sends exactly the pairs of securityHeaderList(), nothing more", async () => {
  const app = new Hono();
  app.use(securityHeaders());
  app.get("/", (c) => c.text("hi"));
  const res = await app.request("/");
  await res.body?.cancel();
  const expected = new Map(securityHeaderList().map(([k, v]) => [k.toLowerCase(), v]));
  const sent = new Map(
    [...res.headers].filter(([k]) => k !== "content-type" && k !== "content-length"),
  );
  assertEquals(sent, expected);
});
