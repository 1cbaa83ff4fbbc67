import type { Hono, MiddlewareHandler } from "hono";
import { createApp, type StaticMount } from "../framework/app.tsx";
import App from "../routes/_app.tsx";
import { ROUTES } from "../routes/_routes.ts";
import type { ServerModel } from "./model.ts";

/** Options of {@link createSite}. */
export interface SiteOptions {
  model: ServerModel;
  /** The model directory, served at /static/model/. */
  modelDir: string;
  /** css and icons, served at /static/. */
  staticDir: string;
  /** Bundled island code (`deno task build`), served at /static/build/. */
  buildDir: string;
  /** Middleware run before everything else, in order (see server/hardening.ts). */
  middleware?: MiddlewareHandler[];
  /** Where unexpected errors are reported (default: one line each, rate-limited). */
  log?: (message: string, error: unknown) => void;
}

/**
 * The Muddle site: the framework's app over this app's routes, page shell,
 * state and folders. main.ts serves it; tests and benchmarks build the same.
 */
export function createSite(options: SiteOptions): Hono {
  return createApp({
    routes: ROUTES,
    app: App,
    state: { model: options.model },
    statics: [
      modelMount(options.model, options.modelDir),
      { prefix: "/static/build/", root: options.buildDir, cacheControl: bundleCache },
      { prefix: "/static/", root: options.staticDir },
    ],
    middleware: options.middleware,
    log: options.log,
  });
}

/**
 * The model's files come from the set the model was loaded from and verified
 * against (server/model.ts), when there is one: a retrain that publishes into
 * the folder meanwhile cannot split what the browser gets from what the API runs.
 */
function modelMount(model: ServerModel, modelDir: string): StaticMount {
  const { files, manifest, id } = model;
  if (!files) return { prefix: "/static/model/", root: modelDir, cacheControl: revalidate };
  return {
    prefix: "/static/model/",
    root: modelDir,
    files,
    cacheControl: revalidate,
    etagOf: (path) =>
      `"${(path === "manifest.json" ? id : manifest.files[path]?.sha256 ?? id).slice(0, 24)}"`,
  };
}

/** Model files and the entry (client.js) keep their names across rebuilds: revalidate by ETag. */
function revalidate(): string {
  return "public, no-cache";
}

/** deno bundle names chunks after their content (`Explorer-6KJXCWMI.js`). */
const HASHED_CHUNK = /-[A-Z0-9]{8}\.js$/;

/** A chunk whose name carries its hash never changes: cache it for a year, unrevalidated. */
export function bundleCache(path: string): string {
  return HASHED_CHUNK.test(path) ? "public, max-age=31536000, immutable" : revalidate();
}
