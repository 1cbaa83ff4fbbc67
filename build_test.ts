import { ok as assert } from "node:assert/strict";
import { brotliDecompressSync } from "node:zlib";
import { buildSite } from "./build.ts";
import { bundleCache } from "./server/site.ts";

/** What the explorer may download from static/build/ (JS plus any wasm), uncompressed. */
const BUDGET = 400_000;

Deno.test("buildSite() keeps the explorer's JS and wasm within 400 KB, with no tfjs", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "muddle_build_" });
  try {
    const files = await buildSite(outDir);
    const sizes = new Map<string, number>();
    for (const f of files) sizes.set(f, (await Deno.stat(`${outDir}/${f}`)).size);
    const code = files.filter((f) => /\.(js|wasm)$/.test(f));
    const total = code.reduce((sum, f) => sum + sizes.get(f)!, 0);
    assert(
      total <= BUDGET,
      `static/build/ holds ${total} bytes of JS and wasm: ${code.join(", ")}`,
    );
    assert(!files.some((f) => f.endsWith(".wasm")), "no .wasm file: the kernels build theirs");
    assert(sizes.get("client.js")! < 4_000, `client.js is ${sizes.get("client.js")} bytes`);
    const explorer = files.find((f) => f.startsWith("Explorer-"));
    assert(explorer, `an Explorer chunk among ${files.join(", ")}`);
    const model = files.find((f) => f.startsWith("browser_model-"));
    assert(model, `a browser_model chunk among ${files.join(", ")}`);
    for (const f of code) {
      const text = await Deno.readTextFile(`${outDir}/${f}`);
      assert(!text.includes("tfjs-core") && !text.includes("TensorFlow"), `${f} bundles tfjs`);
    }
    // The island code that paints the first view stays small: the model is fetched after.
    assert(sizes.get(explorer)! < 150_000, `Explorer chunk is ${sizes.get(explorer)} bytes`);
    // Every file worth compressing has a brotli copy that decodes to it; hashed chunks cache
    // for good.
    for (const f of code.filter((f) => sizes.get(f)! >= 1024)) {
      const copy = await Deno.readFile(`${outDir}/${f}.br`);
      assert(copy.length < sizes.get(f)!, `${f}.br is no smaller`);
      assert(brotliDecompressSync(copy).length === sizes.get(f), `${f}.br decodes to ${f}`);
    }
    assert(bundleCache(explorer).includes("immutable"));
    assert(bundleCache("client.js") === "public, no-cache");
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
