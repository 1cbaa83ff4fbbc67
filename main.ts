/**
 * `deno task start`: serves the explorer and the API on PORT (default 8000)
 * and HOST (default 0.0.0.0) with the model in static/model/
 * (MUDDLE_MODEL_DIR overrides). The task bundles the islands first
 * (build.ts). SIGTERM/SIGINT stop it after in-flight requests finish.
 * Limits come from the environment too (server/serve_env.ts,
 * docs/hardening.md). A listener that fails is logged and restored; one
 * that cannot be restored ends the process with status 1.
 */
import { createSite } from "./server/site.ts";
import { createHardening, serveGracefully } from "./server/hardening.ts";
import { rateLimitedLog } from "./framework/middleware/error_log.ts";
import { loadServerModel } from "./server/model.ts";
import { type ServeSettings, serveSettings } from "./server/serve_env.ts";
import { initBackend, tfjsWasmDir } from "./lib/kernels/init_backend.ts";

if (import.meta.main) {
  const root = new URL(".", import.meta.url).pathname.replace(/\/$/, "");
  let settings: ServeSettings;
  try {
    settings = serveSettings();
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  const modelDir = Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}/static/model`;
  const buildDir = `${root}/static/build`;
  // tfjs's wasm backend with the project's conv kernels decodes ~4x faster per request than the
  // default cpu backend, with the same outputs (to 1e-7).
  await initBackend(tfjsWasmDir(new URL("./", import.meta.url)));
  let model;
  try {
    model = await loadServerModel(modelDir, {
      decodeWaitMs: settings.hardening.apiLoad.startWithinMs,
    });
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
  const served = model;
  const hardening = createHardening({
    ...settings.hardening,
    decodeBacklog: () => served.decodeStats().pending,
  });
  const log = rateLimitedLog();
  const app = createSite({
    model,
    modelDir,
    buildDir,
    staticDir: `${root}/static`,
    middleware: hardening.middleware,
    log,
  });
  let server;
  try {
    server = serveGracefully(hardening.frontDoor(app.fetch), {
      port: settings.port,
      hostname: settings.hostname,
      relistenForMs: settings.relistenForMs,
      onListen: ({ hostname, port }) =>
        console.log(
          `Muddle explorer on http://${
            hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname
          }:${port}/ (model ${model.id.slice(0, 12)})`,
        ),
      onSignal: (signal) => console.log(`${signal}: finishing in-flight requests, then stopping`),
      onError: (line) => log(line),
    });
  } catch (error) {
    const why = error instanceof Deno.errors.AddrInUse
      ? "the port is in use (another server?); choose another with PORT=N"
      : error instanceof Deno.errors.PermissionDenied
      ? "permission denied (ports below 1024 need privileges)"
      : (error as Error).message;
    console.error(`cannot listen on ${settings.hostname}:${settings.port}: ${why}`);
    Deno.exit(1);
  }
  const { timedOut, failed } = await server.finished;
  model.dispose();
  if (failed) console.error(`stopping: ${failed}`);
  if (timedOut || failed) Deno.exit(1);
}
