import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { rateLimitedLog } from "./error_log.ts";

Deno.test("rateLimitedLog() writes one line per error, and a count past the rate", () => {
  const lines: string[] = [];
  let t = 0;
  const log = rateLimitedLog({
    perWindow: 2,
    windowMs: 1000,
    write: (l) => lines.push(l),
    now: () => t,
  });
  const error = new TypeError("bad thing\n    at secret (file.ts:1:2)");
  for (let i = 0; i < 5; i++) log(`GET /x${i}\nforged`, error);
  assertEquals(lines, [
    "GET /x0 forged TypeError: bad thing",
    "GET /x1 forged TypeError: bad thing",
  ]);
  t = 1500;
  log("GET /y", "plain");
  assertEquals(lines.slice(2), [
    "(3 more error lines suppressed in the last window)",
    "GET /y plain",
  ]);
});
