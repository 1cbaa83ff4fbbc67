import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { isValidHost } from "./valid_host.ts";

Deno.test("isValidHost() accepts names, IPv4 and bracketed IPv6 with an optional port", () => {
  for (const h of ["localhost", "localhost:8000", "127.0.0.1:1", "example.com.", "a-b.c_d.io"]) {
    assertEquals(isValidHost(h), true, h);
  }
  for (const h of ["[::1]", "[::1]:8000", "[2001:db8::7]:65535", "muddle"]) {
    assertEquals(isValidHost(h), true, h);
  }
});

Deno.test("isValidHost() refuses spaces, bad ports, brackets, paths and other characters", () => {
  const bad = [
    "",
    "a b",
    "a:99999",
    "a:0",
    "[",
    "[::1",
    "::1",
    "a/b",
    "a?b",
    "a#b",
    "%",
    "a@b",
    "a:",
    "a:-1",
    "a:80:80",
    "-a",
    "a..b",
    "a\tb",
    "é.com",
    "x".repeat(300),
    "a:8o",
  ];
  for (const h of bad) assertEquals(isValidHost(h), false, JSON.stringify(h));
});
