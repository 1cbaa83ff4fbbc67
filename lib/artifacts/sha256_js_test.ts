import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { sha256HexJs } from "./sha256_js.ts";

Deno.test("sha256HexJs() equals Web Crypto's SHA-256 at every padding boundary", async () => {
  assertEquals(
    sha256HexJs(new TextEncoder().encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 100_003]) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 255);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    assertEquals(sha256HexJs(bytes), hex, `length ${length}`);
  }
});
