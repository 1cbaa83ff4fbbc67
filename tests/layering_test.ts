import { deepStrictEqual as assertEquals } from "node:assert/strict";

/**
 * The layout's import rules (docs/architecture.md), checked on every source
 * file: serving code, the CLI and lib/ never import training code; the
 * framework imports nothing of the app; lib/ stays inside lib/; the CLI
 * and the islands reach the engine only through lib/muddle/mod.ts.
 */
const ROOT = new URL("../", import.meta.url);
const SKIP = new Set(["node_modules", "static", ".git"]);

async function sourceFiles(dir = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL(dir || "./", ROOT))) {
    const path = dir + entry.name;
    if (entry.isDirectory && !SKIP.has(entry.name) && !entry.name.startsWith(".")) {
      files.push(...await sourceFiles(`${path}/`));
    } else if (entry.isFile && /\.tsx?$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** Every relative import of `file` (static, dynamic, type-only), as a repo path. */
async function importsOf(file: string): Promise<string[]> {
  const text = await Deno.readTextFile(new URL(file, ROOT));
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)];
  return specs.map(([, spec]) => new URL(spec, new URL(file, ROOT)).href.slice(ROOT.href.length));
}

const isTest = (file: string) => file.endsWith("_test.ts") || file.startsWith("tests/");
/** The benchmarks that measure training may run the trainer. */
const TRAINING_BENCHES = new Set(["bench/train_vs_torch.ts"]);

/** The rule `file -> target` breaks, or null. */
function violation(file: string, target: string): string | null {
  if (target.startsWith("train/") && !file.startsWith("train/") && !isTest(file)) {
    if (!TRAINING_BENCHES.has(file)) return "only train/, tests and training benches import train/";
  }
  if (file.startsWith("framework/") && !target.startsWith("framework/") && !isTest(file)) {
    return "framework/ imports nothing of the app";
  }
  if (file.startsWith("lib/") && !target.startsWith("lib/")) return "lib/ imports only lib/";
  for (const dir of ["cli/", "islands/", "components/"]) {
    if (
      file.startsWith(dir) && !isTest(file) &&
      target.startsWith("lib/muddle/") && target !== "lib/muddle/mod.ts"
    ) return `${dir} imports the engine through lib/muddle/mod.ts`;
  }
  return null;
}

Deno.test("imports follow the layout: no serving code reaches train/, framework/ knows no app", async () => {
  const broken: string[] = [];
  for (const file of await sourceFiles()) {
    for (const target of await importsOf(file)) {
      const rule = violation(file, target);
      if (rule) broken.push(`${file} -> ${target}: ${rule}`);
    }
  }
  assertEquals(broken, []);
});

Deno.test("the layering check catches a serving file that imports train/", () => {
  assertEquals(violation("server/model.ts", "train/kernels/fused_trainer.ts") !== null, true);
  assertEquals(violation("framework/app.tsx", "routes/_routes.ts") !== null, true);
  assertEquals(violation("lib/muddle/engine.ts", "server/model.ts") !== null, true);
  assertEquals(violation("train/run_training.ts", "lib/kernels/init_backend.ts"), null);
  assertEquals(violation("islands/Explorer.tsx", "lib/muddle/marks.ts") !== null, true);
  assertEquals(violation("islands/Explorer.tsx", "lib/muddle/mod.ts"), null);
  assertEquals(violation("components/map/MapView.tsx", "lib/muddle/marks.ts") !== null, true);
});
