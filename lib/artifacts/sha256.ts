import { sha256HexJs } from "./sha256_js.ts";

/**
 * Hex sha256 of `bytes`, via Web Crypto so it runs in Deno and the browser
 * alike; where a browser withholds Web Crypto (a page over plain HTTP from
 * another host) the plain-JavaScript digest stands in.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (!globalThis.crypto?.subtle) return sha256HexJs(bytes);
  // Copy into a fresh ArrayBuffer: subtle.digest rejects views onto shared or offset buffers.
  const digest = await crypto.subtle.digest("SHA-256", bytes.slice().buffer);
  let hex = "";
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, "0");
  return hex;
}
