/**
 * What the browser tests share: a model directory on disk built from the
 * hand-wired fixture models (known answers, no training needed), the site
 * served on a free port with freshly bundled islands, and Chromium, which
 * the tests skip without, unless MUDDLE_REQUIRE_BROWSER=1 (as in .ci/run).
 */
import { type Browser, chromium } from "playwright-core";
import { createSite } from "../server/site.ts";
import { buildSite } from "../build.ts";
import { createHardening } from "../server/hardening.ts";
import { loadServerModel } from "../server/model.ts";
import { writeFixtureModelDir } from "./support/fixture_model_dir.ts";

/** Debian's Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Options for a browser `Deno.test`: `ignore` when Chromium is absent and
 * not required; when required and absent the test runs and fails, saying so.
 */
export function browserTest(): { ignore: boolean } {
  let present = false;
  try {
    present = Deno.statSync(CHROMIUM).isFile;
  } catch { /* absent */ }
  const required = Deno.env.get("MUDDLE_REQUIRE_BROWSER") === "1";
  if (!present && !required) {
    console.warn(`skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium)`);
  }
  return { ignore: !present && !required };
}

/** Launches headless Chromium; throws a clear error when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  try {
    Deno.statSync(CHROMIUM);
  } catch {
    throw new Error(
      `MUDDLE_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`,
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A running site for browser tests. */
export interface Site {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the site on a free localhost port over `modelDir` (default: a fresh
 * fixture directory), with the islands bundled into a temp folder.
 */
export async function startSite(modelDir?: string): Promise<Site> {
  const temp = await Deno.makeTempDir({ prefix: "muddle_e2e_" });
  const dir = modelDir ?? `${temp}/model`;
  if (!modelDir) await writeFixtureModelDir(dir);
  // `deno task test` bundles once and names the folder, rather than every browser test bundling
  // the same code again; run alone, a test bundles its own.
  const prebuilt = Deno.env.get("MUDDLE_E2E_BUILD_DIR");
  const buildDir = prebuilt ?? `${temp}/build`;
  if (!prebuilt) await buildSite(buildDir);
  const model = await loadServerModel(dir);
  const root = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
  const app = createSite({
    model,
    modelDir: dir,
    buildDir,
    staticDir: `${root}/static`,
    middleware: createHardening().middleware,
    log: () => {},
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    async close() {
      await server.shutdown();
      model.dispose();
      await Deno.remove(temp, { recursive: true });
    },
  };
}
