import type { AppShellProps } from "../framework/types.ts";

const NAV = [
  { href: "/", label: "Explorer" },
  { href: "/training", label: "Training" },
  { href: "/atlas", label: "Atlas" },
  { href: "/api", label: "API" },
];

/** The whole HTML document around a page: head, header with navigation, main. */
export default function App({ title, path, preload = [], children }: AppShellProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta
          name="description"
          content="Find the handwritten digits that sit between two others."
        />
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="modulepreload" href="/static/build/client.js" />
        {preload.map((href) => (
          <link key={href} rel="preload" href={href} as="fetch" crossOrigin="anonymous" />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">3/8</span> Muddle
          </a>
          <nav aria-label="Pages">
            {NAV.map((n) => (
              <a href={n.href} aria-current={n.href === path ? "page" : undefined}>{n.label}</a>
            ))}
          </nav>
        </header>
        <main id="main">{children}</main>
        <script type="module" src="/static/build/client.js"></script>
      </body>
    </html>
  );
}
