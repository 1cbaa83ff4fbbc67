import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { Layout } from "../components/Layout.tsx";

/** Renders a page body inside the site layout into a complete HTML response. */
export function renderPage(
  body: VNode,
  options: { title: string; path: string; preload?: readonly string[]; init?: ResponseInit },
): Response {
  const html = "<!doctype html>" +
    renderToString(
      <Layout title={options.title} path={options.path} preload={options.preload}>
        {body}
      </Layout>,
    );
  const headers = new Headers(options.init?.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(html, { ...options.init, headers });
}
