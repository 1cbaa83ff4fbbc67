/**
 * `deno task start`: serves the explorer and the API on PORT (default 8000)
 * with the model in static/model/ (MUDDLE_MODEL_DIR overrides). The task
 * bundles the islands first (build.ts). SIGTERM/SIGINT stop it after
 * in-flight requests finish.
 */
import { createSite } from "./server/site.ts";
import { createHardening, serveGracefully } from "./server/hardening.ts";
import { loadServerModel } from "./server/model.ts";
import { initBackend, tfjsWasmDir } from "./lib/kernels/init_backend.ts";

if (import.meta.main) {
  const root = new URL(".", import.meta.url).pathname.replace(/\/$/, "");
  const port = Number(Deno.env.get("PORT") ?? "8000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535, got "${Deno.env.get("PORT")}"`);
    Deno.exit(2);
  }
  const modelDir = Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}/static/model`;
  const buildDir = `${root}/static/build`;
  // tfjs's wasm backend with the project's conv kernels decodes ~4x faster per
  // request than the default cpu backend, with the same outputs (to 1e-7).
  await initBackend(tfjsWasmDir(new URL("./", import.meta.url)));
  let model;
  try {
    model = await loadServerModel(modelDir);
  } catch (error) {
    // Never serve a half model: name the file at fault and stop.
    console.error(`cannot load the model in ${modelDir}: ${(error as Error).message}`);
    Deno.exit(1);
  }
  try {
    await Deno.stat(`${buildDir}/client.js`);
  } catch {
    console.warn(
      "static/build/client.js is missing: pages will not be interactive until `deno task build`",
    );
  }
  const hardening = createHardening();
  const app = createSite({
    model,
    modelDir,
    buildDir,
    staticDir: `${root}/static`,
    middleware: hardening.middleware,
  });
  const server = serveGracefully(app.fetch, {
    port,
    onListen: ({ port }) => console.log(`Muddle explorer on http://localhost:${port}/`),
    onSignal: (signal) => console.log(`${signal}: finishing in-flight requests, then stopping`),
  });
  const { timedOut } = await server.finished;
  model.dispose();
  if (timedOut) Deno.exit(1);
}
