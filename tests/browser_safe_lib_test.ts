import { deepStrictEqual as assertEquals } from "node:assert/strict";

/**
 * lib/ modules that run in the browser, type-checked with a DOM-only lib
 * (deno.browser.json: no Deno namespace), so a stray Deno.* fails here.
 */
const BROWSER_MODULES = ["lib/muddle/mod.ts", "lib/image/mod.ts"];

Deno.test("browser-safe lib modules type-check without the Deno namespace", async () => {
  const root = new URL("../", import.meta.url);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--config", "deno.browser.json", ...BROWSER_MODULES],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
});
