import { strictEqual } from "node:assert/strict";
import { sha256Hex } from "./sha256.ts";

Deno.test("sha256Hex() matches the FIPS 180-2 test vector and hashes only the view's bytes", async () => {
  const abc = new TextEncoder().encode("abc");
  const expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  strictEqual(await sha256Hex(abc), expected);
  const padded = new Uint8Array([0, 97, 98, 99, 0]);
  strictEqual(await sha256Hex(padded.subarray(1, 4)), expected);
});
