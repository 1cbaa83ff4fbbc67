import type { Handlers as FrameworkHandlers, PageProps } from "../framework/types.ts";
import type { ServerModel } from "./model.ts";

/** This app's per-app state, as every route sees it in `ctx.state`. */
export interface AppState {
  /** The loaded model: artifacts, decoder, judges, the muddle engine. */
  model: ServerModel;
}

/** A route's `handler` export, typed with this app's state. */
export type Handlers<Data = unknown> = FrameworkHandlers<Data, AppState>;

export type { PageProps };
