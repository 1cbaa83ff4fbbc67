import { ok as assert } from "node:assert/strict";
import { buildSite } from "./build.ts";

Deno.test("buildSite() bundles a small entry and keeps tfjs in a chunk of its own", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "muddle_build_" });
  try {
    const files = await buildSite(outDir);
    const sizes = new Map<string, number>();
    for (const f of files) sizes.set(f, (await Deno.stat(`${outDir}/${f}`)).size);
    assert(sizes.get("client.js")! < 4_000, `client.js is ${sizes.get("client.js")} bytes`);
    const explorer = files.find((f) => f.startsWith("Explorer-"));
    assert(explorer, `an Explorer chunk among ${files.join(", ")}`);
    const model = files.find((f) => f.startsWith("browser_model-"));
    assert(model && sizes.get(model)! > 500_000, "tfjs travels in the browser_model chunk");
    // The island code that paints the first view stays small: tfjs is fetched after.
    const text = await Deno.readTextFile(`${outDir}/${explorer}`);
    assert(!text.includes("tfjs-core"), "the Explorer chunk does not include tfjs");
    assert(sizes.get(explorer)! < 150_000, `Explorer chunk is ${sizes.get(explorer)} bytes`);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
