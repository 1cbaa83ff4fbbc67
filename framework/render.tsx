import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AppShell } from "./types.ts";

/** Renders a page body inside the app's page shell into a complete HTML response. */
export function renderPage(
  App: AppShell,
  body: VNode,
  options: { title: string; path: string; preload?: readonly string[]; init?: ResponseInit },
): Response {
  const html = "<!doctype html>" +
    renderToString(
      <App title={options.title} path={options.path} preload={options.preload}>
        {body}
      </App>,
    );
  const headers = new Headers(options.init?.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(html, { ...options.init, headers });
}
