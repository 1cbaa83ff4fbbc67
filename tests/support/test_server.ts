/**
 * Starts the site in-process on a free localhost port, assembled as main.ts
 * does (hardening middleware included), over the shipped model in
 * static/model/, for tests that need real sockets.
 *
 * @module
 */
import { createSite } from "../../server/site.ts";
import { loadServerModel } from "../../server/model.ts";
import { createHardening, type HardeningOptions } from "../../server/hardening.ts";

/** A running test server. */
export interface TestServer {
  /** The bound port on 127.0.0.1. */
  port: number;
  /** Resolves once the model's decode batcher has nothing queued. */
  idle(): Promise<void>;
  /** Stops the server (after in-flight requests) and frees the model. */
  close(): Promise<void>;
}

/**
 * Starts the server; `modelDir` defaults to MUDDLE_MODEL_DIR (as in main.ts),
 * else the repository's static/model; `hardening` sets small limits for a test.
 */
export async function startTestServer(
  modelDir?: string,
  hardening: HardeningOptions = {},
): Promise<TestServer> {
  const root = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
  const dir = modelDir ?? Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}/static/model`;
  const model = await loadServerModel(dir);
  const dirs = { modelDir: dir, buildDir: `${root}/static/build`, staticDir: `${root}/static` };
  const guard = createHardening({
    decodeBacklog: () => model.decodeStats().pending,
    ...hardening,
  });
  const app = createSite({ model, ...dirs, middleware: guard.middleware, log: () => {} });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    guard.frontDoor(app.fetch),
  );
  return {
    port: server.addr.port,
    idle: () => model.decodeIdle(),
    async close() {
      await server.shutdown();
      model.dispose();
    },
  };
}
