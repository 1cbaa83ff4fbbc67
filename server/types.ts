/**
 * Route contracts shared by the server and the route files. They follow
 * Fresh's shapes (`handler` with one function per method, `ctx.render`), so
 * that a later move onto Fresh is mechanical.
 */
import type { ServerModel } from "./model.ts";

/** Per-request state every route sees; middleware may read it too. */
export interface AppState {
  /** The loaded model: artifacts, decoder, judges, the muddle engine. */
  model: ServerModel;
  /**
   * The value under `key`, computed on first use and kept for the app's life:
   * for data fixed once the model is loaded (e.g. the training page's images).
   */
  once<T>(key: string, compute: () => T): T;
}

/** What a route handler receives beside the request. */
export interface RouteContext<Data = unknown> {
  /** The request URL, parsed. */
  url: URL;
  /** Shared per-app state (the loaded model). */
  state: AppState;
  /** Renders the route's page component with `data` into a full HTML response. */
  render(data: Data, init?: ResponseInit): Response;
}

/** One handler function for one HTTP method. */
export type HandlerFn<Data = unknown> = (
  req: Request,
  ctx: RouteContext<Data>,
) => Response | Promise<Response>;

/** A route's `handler` export: one function per HTTP method it accepts. */
export type Handlers<Data = unknown> = Partial<
  Record<"GET" | "POST" | "HEAD", HandlerFn<Data>>
>;

/** The props a page component receives. */
export interface PageProps<Data = unknown> {
  /** What the handler passed to `ctx.render`. */
  data: Data;
  /** The request URL. */
  url: URL;
}

/** A route module: a handler and, for pages, a default page component. */
export interface RouteModule<Data = unknown> {
  /** Method handlers. */
  handler: Handlers<Data>;
  /** The page component (absent for API routes). */
  default?: (props: PageProps<Data>) => preact.JSX.Element;
  /** Optional page title shown in the tab. */
  title?: string;
  /** Files the page fetches at once, preloaded from its head. */
  preload?: readonly string[];
}
