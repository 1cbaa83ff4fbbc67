/**
 * `deno task start`: serves the explorer and the API on PORT (default 8000)
 * with the model in static/model/ (MUDDLE_MODEL_DIR overrides). The task
 * bundles the islands first (server/build.ts).
 */
import { createApp } from "./server/app.tsx";
import { repoRoot } from "./server/build.ts";
import { loadServerModel } from "./server/model.ts";

if (import.meta.main) {
  const root = repoRoot();
  const port = Number(Deno.env.get("PORT") ?? "8000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535, got "${Deno.env.get("PORT")}"`);
    Deno.exit(2);
  }
  const modelDir = Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}/static/model`;
  const buildDir = `${root}/static/build`;
  try {
    await Deno.stat(`${buildDir}/client.js`);
  } catch {
    console.error(
      "static/build/client.js is missing: run `deno task build` (or `deno task start`)",
    );
    Deno.exit(1);
  }
  let model;
  try {
    model = await loadServerModel(modelDir);
  } catch (error) {
    // Never serve a half model: name the file at fault and stop.
    console.error(`cannot load the model in ${modelDir}: ${(error as Error).message}`);
    Deno.exit(1);
  }
  const app = createApp({ model, modelDir, buildDir, staticDir: `${root}/static` });
  Deno.serve({
    port,
    onListen: ({ hostname, port }) => console.log(`Muddle explorer on http://${hostname}:${port}/`),
  }, app.fetch);
}
