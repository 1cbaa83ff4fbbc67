/**
 * Assembles a site from what the app hands over (Fresh's shape: a route
 * table, a page shell, the app's state): caller middleware first, then the
 * static folders, then the routes. The framework imports nothing of the app.
 * API errors are JSON (middleware/errors.ts); page errors are pages.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { HttpError, jsonErrorHandler, jsonNotFound } from "./middleware/errors.ts";
import { staticFiles } from "./middleware/static_files.ts";
import { memoryFiles } from "./middleware/memory_files.ts";
import { rateLimitedLog } from "./middleware/error_log.ts";
import { renderPage } from "./render.tsx";
import type { AppShell, FrameworkState, RouteContext, RouteModule } from "./types.ts";

/** A folder served under a URL prefix: from disk, or a fixed set of files held in memory. */
export interface StaticMount {
  /** URL prefix, starting and ending with "/". */
  prefix: string;
  /** Folder on disk (ignored when `files` is given). */
  root: string;
  /** Cache-Control for its files (default: static_files.ts's). */
  cacheControl?: (path: string) => string;
  /** Files to serve instead of the folder's, by relative path (memory_files.ts). */
  files?: ReadonlyMap<string, Uint8Array>;
  /** With `files`: the quoted strong ETag of a path. */
  etagOf?: (path: string) => string;
}

/** Options of `createApp`. */
export interface AppOptions<S> {
  /** The route table, as [pattern, module], in matching order (routes/_routes.ts). */
  // deno-lint-ignore no-explicit-any
  routes: readonly (readonly [string, RouteModule<any, S>])[];
  /** The page shell every page renders in (routes/_app.tsx). */
  app: AppShell;
  /** The app's own per-app state, handed to every route as `ctx.state`. */
  state: S;
  /** Folders to serve; the most specific prefix is matched first. */
  statics?: StaticMount[];
  /** Middleware run before everything else, in order. */
  middleware?: MiddlewareHandler[];
  /** Where unexpected errors are reported; default one line each to stderr, rate-limited. */
  log?: (message: string, error: unknown) => void;
}

const METHODS = ["GET", "HEAD", "POST"] as const;

/** Builds the Hono app; `app.fetch` is the handler for `Deno.serve`. */
export function createApp<S extends object>(options: AppOptions<S>): Hono {
  const app = new Hono();
  const kept = new Map<string, unknown>();
  const state: S & FrameworkState = {
    ...options.state,
    once<T>(key: string, compute: () => T): T {
      if (!kept.has(key)) kept.set(key, compute());
      return kept.get(key) as T;
    },
  };
  for (const m of options.middleware ?? []) app.use("*", m);

  const log = options.log ?? rateLimitedLog();
  const apiErrors = jsonErrorHandler({ log });
  const apiNotFound = jsonNotFound();
  app.onError((error, c) => {
    if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/static/")) {
      return apiErrors(error, c);
    }
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) log(`${c.req.method} ${c.req.path} failed:`, error);
    return notFoundPage(
      options.app,
      c.req.path,
      status,
      status >= 500 ? "Something broke." : error.message,
    );
  });
  app.notFound((c) =>
    c.req.path.startsWith("/api/") || c.req.path.startsWith("/static/")
      ? apiNotFound(c)
      : notFoundPage(options.app, c.req.path, 404, "Nothing here.")
  );

  // Most specific prefix first: /static/ would otherwise claim the others.
  const statics = [...(options.statics ?? [])].sort((a, b) => b.prefix.length - a.prefix.length);
  for (const { prefix, root, cacheControl, files, etagOf } of statics) {
    app.use(
      files
        ? memoryFiles({ files, prefix, etagOf: etagOf!, cacheControl: cacheControl?.("") ?? "" })
        : staticFiles({ root, prefix, cacheControl }),
    );
  }

  for (const [path, route] of options.routes) {
    mountRoute(app, path, route as RouteModule<unknown, S>, state, options.app);
  }
  return app;
}

function mountRoute<S>(
  app: Hono,
  path: string,
  route: RouteModule<unknown, S>,
  state: S & FrameworkState,
  App: AppShell,
): void {
  const allowed = METHODS.filter((m) => route.handler[m] || (m === "HEAD" && route.handler.GET));
  for (const method of allowed) {
    const fn = route.handler[method] ?? route.handler.GET!;
    app.on(method, path, (c) => {
      const url = new URL(c.req.url);
      const ctx: RouteContext<unknown, S> = {
        url,
        state,
        body: c.get("jsonBody" as never),
        render(data, init) {
          if (!route.default) throw new TypeError(`route ${path} has no page component`);
          const Page = route.default;
          return renderPage(App, <Page data={data} url={url} />, {
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

function notFoundPage(App: AppShell, path: string, status: number, message: string): Response {
  return renderPage(
    App,
    <section class="panel notfound">
      <h1>{status === 404 ? "Nothing here" : `Error ${status}`}</h1>
      <p>
        {message} <code>{path}</code> · <a href="/">Back to the explorer</a>
      </p>
    </section>,
    { title: `${status} · Muddle`, path, init: { status } },
  );
}
