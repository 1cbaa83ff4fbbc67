import { deepStrictEqual as assertEquals, throws as assertThrows } from "node:assert/strict";
import { parseHost, parsePort, serveSettings } from "./serve_env.ts";

Deno.test("parsePort() takes decimal digits 0-65535 and refuses empty, hex, exponents and spaces", () => {
  assertEquals([parsePort("0"), parsePort("8000"), parsePort("65535")], [0, 8000, 65535]);
  for (const bad of ["", "0x1F96", "1e3", " 80", "80 ", "-1", "65536", "8000.0", "+80"]) {
    assertThrows(
      () => parsePort(bad),
      (e: Error) => e instanceof RangeError && e.message.includes("PORT"),
      bad,
    );
  }
});

Deno.test("parseHost() takes addresses and names, refuses ports, spaces and empty", () => {
  for (const ok of ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"]) {
    assertEquals(parseHost(ok), ok);
  }
  for (const bad of ["", "a b", "1.2.3.4:80x", "/x", "[::1]"]) {
    assertThrows(() => parseHost(bad), /HOST must be/, bad);
  }
});

Deno.test("serveSettings() reads the limits, names the variable at fault", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  const s = serveSettings(
    env({ PORT: "0", HOST: "127.0.0.1", MUDDLE_MAX_IN_FLIGHT: "2", MUDDLE_BODY_TIMEOUT_MS: "300" }),
  );
  assertEquals([s.port, s.hostname, s.hardening.apiLoad.maxInFlight, s.hardening.body.timeoutMs], [
    0,
    "127.0.0.1",
    2,
    300,
  ]);
  assertEquals(serveSettings(env({})).port, 8000);
  assertThrows(
    () => serveSettings(env({ MUDDLE_MAX_QUEUED: "1e3" })),
    /MUDDLE_MAX_QUEUED must be an integer/,
  );
  assertThrows(() => serveSettings(env({ PORT: "" })), /PORT must be/);
});
