import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { negotiateEncoding } from "./accept_encoding.ts";

Deno.test("negotiateEncoding() prefers brotli, honours q-values and falls back to identity", () => {
  assertEquals(negotiateEncoding("gzip, deflate, br, zstd"), "br");
  assertEquals(negotiateEncoding("gzip, deflate"), "gzip");
  assertEquals(negotiateEncoding("br;q=0.5, gzip;q=0.9"), "gzip");
  assertEquals(negotiateEncoding("br;q=0, gzip"), "gzip");
  assertEquals(negotiateEncoding("identity"), null);
  assertEquals(negotiateEncoding("*;q=0.2"), "br");
  assertEquals(negotiateEncoding("*;q=0.2, br;q=0"), "gzip");
  assertEquals(negotiateEncoding("x-gzip"), "gzip");
  assertEquals(negotiateEncoding(""), null);
  assertEquals(negotiateEncoding(undefined), null);
  assertEquals(negotiateEncoding("gzip", ["br"]), null);
});
