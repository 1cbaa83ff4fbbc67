/**
 * Edges a real socket shows: bad Host headers, a 408 that must close its
 * connection, duplicate and unknown parameters, and the model files served
 * beside the API staying the model the API runs while a retrain replaces the
 * folder. The server runs in process (tests/support/test_server.ts).
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { RawHttpConnection } from "../bench/raw_http.ts";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import { writeFixtureModelDir } from "./support/fixture_model_dir.ts";
import { startTestServer } from "./support/test_server.ts";

const MODEL = await Deno.makeTempDir({ prefix: "muddle_edges_" });
await writeFixtureModelDir(`${MODEL}/model`);
const decoder = new TextDecoder();

/** True once `text` holds a whole response (headers and Content-Length bytes of body). */
function complete(text: string): boolean {
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return false;
  const length = Number(/content-length: (\d+)/i.exec(text.slice(0, split))?.[1] ?? 0);
  return text.length - split - 4 >= length;
}

/**
 * Sends raw request bytes on a fresh connection and returns the answer as
 * text: after one whole response, or with `then` sent next, whatever else
 * comes until the server closes ("<closed>") or `waitMs` pass.
 */
async function raw(port: number, text: string, waitMs = 5000, then?: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(text));
    let out = "";
    let sent = false;
    const buf = new Uint8Array(65536);
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      if (complete(out)) {
        if (then === undefined) return out;
        if (!sent) {
          sent = true;
          await conn.write(new TextEncoder().encode(then)).catch(() => {});
        }
      }
      const n = await Promise.race([
        conn.read(buf).catch(() => null),
        new Promise<"idle">((r) => setTimeout(() => r("idle"), Math.max(1, until - Date.now()))),
      ]);
      if (n === null) return out + "<closed>";
      if (n === "idle") return out;
      out += decoder.decode(buf.subarray(0, n));
    }
    return out;
  } finally {
    conn.close();
  }
}

const BAD_HOSTS = [
  "a b",
  "a:99999",
  "[",
  "a:0",
  "::1",
  "a/b",
  "a?b",
  "a#b",
  "%",
  "a@b",
  "a:",
  "[::1",
  "a\tb",
];

Deno.test("a bad or missing Host header gets 400 on every route, never 500", async () => {
  const server = await startTestServer(`${MODEL}/model`);
  try {
    const routes = ["GET /", "GET /api/health", "GET /api/muddle?digit=3", "GET /static/style.css"];
    const heads = [...BAD_HOSTS.map((h) => `Host: ${h}\r\n`), ""];
    for (const route of [...routes, "POST /api/decode"]) {
      for (const head of heads) {
        const body = route.startsWith("POST") ? '{"latent":[0,0,0,0,0,0,0,0,0,0]}' : "";
        const extra = body
          ? `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n`
          : "";
        const answer = await raw(
          server.port,
          `${route} HTTP/1.1\r\n${head}${extra}\r\n${body}`,
          3000,
        );
        assert(
          answer.startsWith("HTTP/1.1 400"),
          `${route} ${JSON.stringify(head)}: ${answer.slice(0, 80)}`,
        );
        assert(/x-content-type-options: nosniff/i.test(answer), answer);
      }
    }
    const fine = await raw(
      server.port,
      "GET /api/health HTTP/1.1\r\nHost: localhost:9\r\nConnection: close\r\n\r\n",
    );
    assert(fine.startsWith("HTTP/1.1 200"), fine.slice(0, 80));
  } finally {
    await server.close();
  }
});

Deno.test("a body that does not arrive in time gets 408 with Connection: close, and what follows is never served", async () => {
  const server = await startTestServer(`${MODEL}/model`, { body: { timeoutMs: 300 } });
  try {
    // What the client sends after the 408 would be read as the rest of the body: it must not
    // be served as a request, and the connection must end.
    const answer = await raw(
      server.port,
      "POST /api/decode HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        'Content-Length: 60\r\n\r\n{"latent":',
      4000,
      "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(3),
    );
    assert(answer.startsWith("HTTP/1.1 408"), answer.slice(0, 80));
    assert(/connection: close/i.test(answer), answer);
    // Deno may answer the leftover bytes with a bare 400 before closing; never with a route.
    assert(!answer.includes("HTTP/1.1 200"), answer);
    assertEquals(answer.split('"status":"ok"').length, 1, answer);
    assert(answer.endsWith("<closed>"), `connection left open: ${answer}`);
  } finally {
    await server.close();
  }
});

Deno.test("duplicate JSON keys, duplicate or unknown parameters and numbers as strings are refused", async () => {
  const server = await startTestServer(`${MODEL}/model`);
  const conn = await RawHttpConnection.open("127.0.0.1", server.port);
  try {
    const post = (target: string, body: string) =>
      conn.request({
        method: "POST",
        target,
        headers: { "Content-Type": "application/json" },
        body,
      });
    const zeros = JSON.stringify(new Array(10).fill(0));
    const cases: Array<[() => Promise<{ status: number; body: Uint8Array }>, string]> = [
      [
        () => post("/api/decode", `{"latent":${zeros},"latent":${zeros}}`),
        'repeats the key "latent"',
      ],
      [() => post("/api/decode?scale=2&scale=9", `{"latent":${zeros}}`), "more than once"],
      [() => post("/api/decode?zoom=2", `{"latent":${zeros}}`), 'unknown parameter "zoom"'],
      [
        () => post("/api/path", '{"from":{"digit":1},"to":{"digit":2},"steps":"16"}'),
        "steps must be a JSON number",
      ],
      [
        () => post("/api/path", '{"from":{"digit":"1"},"to":{"digit":2}}'),
        "from.digit must be a JSON number",
      ],
      [
        () => post("/api/path?x=1", '{"from":{"digit":1},"to":{"digit":2}}'),
        'unknown parameter "x"',
      ],
      [
        () => conn.request({ method: "GET", target: "/api/muddle?digit=3&digit=4" }),
        "more than once",
      ],
      [
        () =>
          conn.request({ method: "GET", target: "/api/muddle?digit=3&seed=0.99999999999999999" }),
        "seed must be an integer",
      ],
      [
        () => conn.request({ method: "GET", target: "/api/muddle?digit=3.0" }),
        "digit must be an integer",
      ],
    ];
    for (const [send, words] of cases) {
      const res = await send();
      const text = decoder.decode(res.body);
      assertEquals(res.status, 400, text);
      assert(JSON.parse(text).error.includes(words), `${words}: ${text}`);
    }
    const ok = await post("/api/path", '{"from":{"digit":1},"to":{"index":7},"steps":4}');
    assertEquals(ok.status, 200);
  } finally {
    conn.close();
    await server.close();
  }
});

Deno.test("retraining into the served folder: the files served and the API stay one model, named by its id", async () => {
  const dir = `${MODEL}/served`;
  await writeFixtureModelDir(dir);
  const server = await startTestServer(dir);
  const base = `http://127.0.0.1:${server.port}`;
  const json = async (path: string, init?: RequestInit) =>
    await (await fetch(base + path, init)).json();
  const bytes = async (path: string) =>
    new Uint8Array(await (await fetch(base + path)).arrayBuffer());
  try {
    const before = await json("/api/health");
    // A retrain publishes a different, complete model into the same folder.
    await writeFixtureModelDir(dir, { latentShift: 0.5 });
    const onDisk = await sha256Hex(await Deno.readFile(`${dir}/manifest.json`));
    const health = await json("/api/health");
    const served = await sha256Hex(await bytes("/static/model/manifest.json"));
    assert(onDisk !== before.model.id, "the retrain wrote the same model");
    assertEquals([health.model.id, served], [before.model.id, before.model.id]);
    // Image 7's latent as the browser reads it equals the API's.
    const latents = new Float32Array((await bytes("/static/model/test_latents.bin")).buffer);
    const path = await json("/api/path", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: { index: 7 }, to: { digit: 2 }, steps: 2 }),
    });
    const fromFile = Array.from(latents.subarray(70, 80), (v) => Math.round(v * 1e4) / 1e4);
    assertEquals(path.from.latent, fromFile);
    const page = await (await fetch(base + "/")).text();
    assert(page.includes(`data-model-id="${before.model.id}"`), "the page names the model");
  } finally {
    await server.close();
  }
});

Deno.test("after a restart the server serves the retrained model, under its new id", async () => {
  const dir = `${MODEL}/restarted`;
  await writeFixtureModelDir(dir, { latentShift: 0.25 });
  const server = await startTestServer(dir);
  try {
    const health = await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json();
    assertEquals(health.model.id, await sha256Hex(await Deno.readFile(`${dir}/manifest.json`)));
  } finally {
    await server.close();
  }
});

Deno.test({
  name: "edges: remove the temp models",
  fn: () => Deno.remove(MODEL, { recursive: true }),
});
