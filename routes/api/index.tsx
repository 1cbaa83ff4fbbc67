import type { Handlers, PageProps } from "../../server/state.ts";
import { API_ENDPOINTS, type ApiEndpoint } from "./_endpoints.ts";

/** Page title. */
export const title = "HTTP API · Muddle";

/** What the API page needs: the origin its examples are written for. */
export interface ApiPageData {
  origin: string;
}

export const handler: Handlers<ApiPageData> = {
  GET(_req, ctx) {
    return ctx.render({ origin: ctx.url.origin });
  },
};

/** A curl command that calls `endpoint` on `origin` with its example. */
export function curlExample(endpoint: ApiEndpoint, origin: string): string {
  const url = `${origin}${endpoint.path}`;
  if (endpoint.method === "GET") return `curl '${url}${endpoint.example}'`;
  if (endpoint.contentType) {
    return `curl -X POST ${url} -H 'content-type: ${endpoint.contentType}' ` +
      `--data-binary ${endpoint.example}`;
  }
  return `curl -X POST ${url} -H 'content-type: application/json' -d '${endpoint.example}'`;
}

/** The endpoints, what each takes and answers, and a command to try each. */
export default function ApiPage({ data }: PageProps<ApiPageData>) {
  return (
    <div class="api-page">
      <section class="panel">
        <h1>HTTP API</h1>
        <p class="hint">
          The same engine as the explorer and <code>deno task muddle</code>. Every error is JSON,
          {" "}
          <code>{'{"error": "what was wrong and what is allowed"}'}</code>, with a 4xx status. POST
          bodies are JSON unless said otherwise.
        </p>
        <dl class="api-endpoints">
          {API_ENDPOINTS.map((e) => (
            <div class="api-endpoint" key={e.path}>
              <dt>
                <code>{e.method} {e.path}</code>
                {e.method === "GET" && (
                  <>
                    {" "}
                    <a href={`${e.path}${e.example}`}>try it</a>
                  </>
                )}
              </dt>
              <dd>
                {e.input && (
                  <p>
                    <strong>Takes</strong> {e.input}.
                  </p>
                )}
                <p>
                  <strong>Answers</strong> {e.answer}.
                </p>
                <pre><code>{curlExample(e, data.origin)}</code></pre>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
