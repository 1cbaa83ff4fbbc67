import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";

/**
 * Everything that runs in the browser, type-checked with a DOM-only lib
 * (deno.browser.json: no Deno namespace), so a stray Deno.* fails here: the
 * browser entry (islands/_client.ts), every island module and component, and the lib/
 * modules the islands reach (the engine, images, the checked loader).
 */
const LIB_MODULES = [
  "lib/muddle/mod.ts",
  "lib/image/mod.ts",
  "lib/artifacts/load_artifact_files.ts",
  "lib/kernels/layers_forward.ts",
  "lib/latent/map_placer.ts",
  "lib/latent/path_positions.ts",
  "lib/latent/nearest_index.ts",
  "lib/latent/estimate_latent.ts",
];

async function islandModules(dir = "islands"): Promise<string[]> {
  const root = new URL("../", import.meta.url);
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(`${dir}/`, root))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...await islandModules(path));
    else if (/\.tsx?$/.test(entry.name) && !/_test\.tsx?$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

Deno.test("browser code type-checks without the Deno namespace", async () => {
  const root = new URL("../", import.meta.url);
  const islands = [...await islandModules(), ...await islandModules("components")];
  assert(islands.includes("islands/_client.ts") && islands.includes("islands/Explorer.tsx"));
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--config", "deno.browser.json", ...islands, ...LIB_MODULES],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
});
