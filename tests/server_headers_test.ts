/**
 * The assembled server's headers: security headers on pages, API
 * answers and static files; ETags with revalidation for model files; an
 * hour's cache for plain static files.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { startTestServer } from "./support/test_server.ts";

function assertSecurityHeaders(res: Response, what: string): void {
  const csp = res.headers.get("content-security-policy") ?? "";
  assert(csp.includes("script-src 'self' 'wasm-unsafe-eval'"), `${what}: CSP ${csp}`);
  assert(!/script-src[^;]*'unsafe-inline'/.test(csp), `${what}: inline script allowed`);
  assertEquals(res.headers.get("x-content-type-options"), "nosniff", what);
  assertEquals(res.headers.get("referrer-policy"), "no-referrer", what);
}

Deno.test({
  name: "pages, API answers and static files carry security and cache headers",
  sanitizeResources: false,
  fn: async () => {
    const server = await startTestServer();
    const base = `http://127.0.0.1:${server.port}`;
    try {
      for (
        const path of ["/", "/api/health", "/api/nope", "/static/style.css", "/static/model/x"]
      ) {
        const res = await fetch(`${base}${path}`);
        await res.body?.cancel();
        assertSecurityHeaders(res, path);
      }
      const page = await fetch(`${base}/`);
      assert(
        !/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/.test(await page.text()),
        "the page has an inline script",
      );

      const manifest = await fetch(`${base}/static/model/manifest.json`);
      assertEquals(manifest.status, 200);
      assertEquals(manifest.headers.get("cache-control"), "public, no-cache");
      const etag = manifest.headers.get("etag");
      // fetch asks for gzip and brotli, so the ETag names the coding sent.
      assert(etag && /^"[0-9a-f]{24}(-br|-gzip)?"$/.test(etag), `ETag ${etag}`);
      assertEquals(manifest.headers.get("vary"), "Accept-Encoding");
      assertEquals(typeof (await manifest.json()).formatVersion, "number");
      const again = await fetch(`${base}/static/model/manifest.json`, {
        headers: { "If-None-Match": etag },
      });
      assertEquals(again.status, 304);
      assertEquals(await again.text(), "");

      const weights = await fetch(`${base}/static/model/decoder/weights.bin`, { method: "HEAD" });
      assertEquals(weights.headers.get("content-type"), "application/octet-stream");
      assert(weights.headers.get("etag"));

      const css = await fetch(`${base}/static/style.css`);
      await css.body?.cancel();
      assertEquals(css.headers.get("cache-control"), "public, max-age=3600");
      assert(css.headers.get("content-type")?.startsWith("text/css"));
    } finally {
      await server.close();
    }
  },
});
