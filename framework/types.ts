/**
 * Route contracts shared by the framework and the route files. They follow
 * Fresh's shapes (`handler` with one function per method, `ctx.render`), so
 * that a later move onto Fresh is mechanical.
 */
import type { ComponentChildren } from "preact";

/**
 * What the framework adds to the app's own state: a per-app memo. The app's
 * state type is the framework's type parameter `S`, so the framework never
 * names the app.
 */
export interface FrameworkState {
  /**
   * The value under `key`, computed on first use and kept for the app's life:
   * for data fixed once the app is built (e.g. the training page's images).
   */
  once<T>(key: string, compute: () => T): T;
}

/** The props of the page shell (`routes/_app.tsx`), Fresh's `_app` convention. */
export interface AppShellProps {
  title: string;
  /** Path of the current page, to mark its nav link. */
  path: string;
  /** URLs the page will fetch at once: fetched in parallel with its scripts. */
  preload?: readonly string[];
  children: ComponentChildren;
}

/** The page shell component. */
export type AppShell = (props: AppShellProps) => preact.JSX.Element;

/** What a route handler receives beside the request. */
export interface RouteContext<Data = unknown, S = unknown> {
  /** The request URL, parsed. */
  url: URL;
  /** Shared per-app state: the app's own, plus {@link FrameworkState}. */
  state: S & FrameworkState;
  /**
   * The request's JSON body, read and checked once by the body pipeline
   * (middleware/json_body.ts); undefined when the request had none.
   */
  body: unknown;
  /** Renders the route's page component with `data` into a full HTML response. */
  render(data: Data, init?: ResponseInit): Response;
}

/** One handler function for one HTTP method. */
export type HandlerFn<Data = unknown, S = unknown> = (
  req: Request,
  ctx: RouteContext<Data, S>,
) => Response | Promise<Response>;

/** A route's `handler` export: one function per HTTP method it accepts. */
export type Handlers<Data = unknown, S = unknown> = Partial<
  Record<"GET" | "POST" | "HEAD", HandlerFn<Data, S>>
>;

/** The props a page component receives. */
export interface PageProps<Data = unknown> {
  /** What the handler passed to `ctx.render`. */
  data: Data;
  /** The request URL. */
  url: URL;
}

/** A route module: a handler and, for pages, a default page component. */
export interface RouteModule<Data = unknown, S = unknown> {
  /** Method handlers. */
  handler: Handlers<Data, S>;
  /** The page component (absent for API routes). */
  default?: (props: PageProps<Data>) => preact.JSX.Element;
  /** Optional page title shown in the tab. */
  title?: string;
  /** Files the page fetches at once, preloaded from its head. */
  preload?: readonly string[];
}
