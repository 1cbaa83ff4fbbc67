/**
 * Assembles the site: caller middleware first (security headers, load
 * shedding: see main.ts), then the static folders, then the route table.
 * API errors are JSON (server/middleware/errors.ts); page errors are pages.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { HttpError, jsonErrorHandler, jsonNotFound } from "./middleware/errors.ts";
import { staticFiles } from "./middleware/static_files.ts";
import type { ServerModel } from "./model.ts";
import { renderPage } from "./render.tsx";
import { ROUTES } from "./routes.ts";
import type { AppState, RouteContext, RouteModule } from "./types.ts";

/** Options of `createApp`. */
export interface AppOptions {
  model: ServerModel;
  /** The model directory, served at /static/model/. */
  modelDir: string;
  /** css and icons, served at /static/. */
  staticDir: string;
  /** Bundled island code (server/build.ts), served at /static/build/. */
  buildDir: string;
  /** Middleware run before everything else, in order. */
  middleware?: MiddlewareHandler[];
  /** Where unexpected errors are reported (default console.error). */
  log?: (message: string, error: unknown) => void;
}

const METHODS = ["GET", "HEAD", "POST"] as const;

/** Builds the Hono app; `app.fetch` is the handler for `Deno.serve`. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const kept = new Map<string, unknown>();
  const state: AppState = {
    model: options.model,
    once<T>(key: string, compute: () => T): T {
      if (!kept.has(key)) kept.set(key, compute());
      return kept.get(key) as T;
    },
  };
  for (const m of options.middleware ?? []) app.use("*", m);

  const apiErrors = jsonErrorHandler({ log: options.log });
  const apiNotFound = jsonNotFound();
  app.onError((error, c) => {
    if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/static/")) {
      return apiErrors(error, c);
    }
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) (options.log ?? console.error)(`${c.req.method} ${c.req.path}`, error);
    return notFoundPage(c.req.path, status, status >= 500 ? "Something broke." : error.message);
  });
  app.notFound((c) =>
    c.req.path.startsWith("/api/") || c.req.path.startsWith("/static/")
      ? apiNotFound(c)
      : notFoundPage(c.req.path, 404, "Nothing here.")
  );

  // Most specific prefix first: /static/ would otherwise claim the others.
  app.use(
    staticFiles({ root: options.modelDir, prefix: "/static/model/", cacheControl: revalidate }),
  );
  app.use(
    staticFiles({ root: options.buildDir, prefix: "/static/build/", cacheControl: revalidate }),
  );
  app.use(staticFiles({ root: options.staticDir, prefix: "/static/" }));

  for (const [path, route] of ROUTES) mountRoute(app, path, route as RouteModule, state);
  return app;
}

/** Bundles and model files keep their names across rebuilds: revalidate by ETag. */
function revalidate(): string {
  return "public, no-cache";
}

function mountRoute(app: Hono, path: string, route: RouteModule, state: AppState): void {
  const allowed = METHODS.filter((m) => route.handler[m] || (m === "HEAD" && route.handler.GET));
  for (const method of allowed) {
    const fn = route.handler[method] ?? route.handler.GET!;
    app.on(method, path, (c) => {
      const url = new URL(c.req.url);
      const ctx: RouteContext = {
        url,
        state,
        render(data, init) {
          if (!route.default) throw new TypeError(`route ${path} has no page component`);
          const Page = route.default;
          return renderPage(<Page data={data} url={url} />, {
            title: route.title ?? "Muddle",
            path,
            preload: route.preload,
            init,
          });
        },
      };
      return fn(c.req.raw, ctx);
    });
  }
  app.all(path, (c) => {
    throw new HttpError(405, `${c.req.method} is not allowed here; use ${allowed.join(", ")}`, {
      Allow: allowed.join(", "),
    });
  });
}

function notFoundPage(path: string, status: number, message: string): Response {
  return renderPage(
    <section class="panel notfound">
      <h1>{status === 404 ? "Nothing here" : `Error ${status}`}</h1>
      <p>
        {message} <code>{path}</code> · <a href="/">Back to the explorer</a>
      </p>
    </section>,
    { title: `${status} · Muddle`, path, init: { status } },
  );
}
