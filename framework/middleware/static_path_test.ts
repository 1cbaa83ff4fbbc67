import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { resolveStaticPath } from "./static_path.ts";

Deno.test("resolveStaticPath() keeps plain file paths under the prefix", () => {
  assertEquals(resolveStaticPath("/static/build/app.js", "/static/"), "build/app.js");
  assertEquals(
    resolveStaticPath("/static/model/decoder/weights.bin", "/static/"),
    "model/decoder/weights.bin",
  );
  assertEquals(resolveStaticPath("/static/style%2Ecss", "/static/"), "style.css");
});

Deno.test("resolveStaticPath() rejects every traversal spelling", () => {
  const hostile = [
    "/static/../deno.json",
    "/static/./deno.json",
    "/static/%2e%2e/deno.json",
    "/static/%2E%2E/deno.json",
    "/static/.%2e/deno.json",
    "/static/..%2fdeno.json",
    "/static/..%2Fdeno.json",
    "/static/build%2f..%2f..%2fdeno.json",
    "/static/..%5cdeno.json",
    "/static/..\\deno.json",
    "/static/build\\..\\..\\deno.json",
    "/static/%252e%252e/deno.json",
    "/static/%252e%252e%252fdeno.json",
    "/static/%25%32%65%25%32%65/deno.json",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/build/app.js%00.png",
    "/static/.git/config",
    "/static/.env",
    "/static/C:%5cwindows",
    "/static/%c0%ae%c0%ae/deno.json",
    "/static/%e0%80%ae/x",
    "/static/%",
    "/static/%zz",
    "/static/",
    "/static",
    "/deno.json",
    "/static/" + "a/".repeat(20) + "x",
    "/static/" + "a".repeat(600),
  ];
  for (const path of hostile) {
    assertEquals(resolveStaticPath(path, "/static/"), null, path);
  }
});
