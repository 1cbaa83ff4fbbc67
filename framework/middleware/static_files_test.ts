import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { Hono } from "hono";
import { staticFiles } from "./static_files.ts";

async function fixture(): Promise<{ dir: string; app: Hono }> {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/static/build`, { recursive: true });
  await Deno.mkdir(`${dir}/static/model`, { recursive: true });
  await Deno.writeTextFile(`${dir}/static/build/app.js`, "console.log(1);\n");
  await Deno.writeFile(`${dir}/static/model/w.bin`, new Uint8Array([1, 2, 3, 4]));
  await Deno.writeTextFile(`${dir}/static/logo.svg`, "<svg/>");
  await Deno.writeTextFile(`${dir}/secret.json`, '{"secret":1}');
  await Deno.symlink(`${dir}/secret.json`, `${dir}/static/link.json`);
  const app = new Hono();
  app.use(staticFiles({ root: `${dir}/static` }));
  app.get("*", (c) => c.text("fallthrough", 404));
  return { dir, app };
}

Deno.test("staticFiles() serves a bundled file with type, length, ETag and revalidating cache", async () => {
  const { dir, app } = await fixture();
  try {
    const res = await app.request("/static/build/app.js");
    assertEquals(res.status, 200);
    assertEquals(await res.text(), "console.log(1);\n");
    assertEquals(res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assertEquals(res.headers.get("content-length"), "16");
    assertEquals(res.headers.get("cache-control"), "public, no-cache");
    const etag = res.headers.get("etag")!;
    assert(/^"[0-9a-f]{24}"$/.test(etag), etag);

    const again = await app.request("/static/build/app.js", { headers: { "If-None-Match": etag } });
    assertEquals(again.status, 304);
    assertEquals(await again.text(), "");
    assertEquals(again.headers.get("etag"), etag);

    const model = await app.request("/static/model/w.bin");
    assertEquals(model.headers.get("content-type"), "application/octet-stream");
    assertEquals(model.headers.get("cache-control"), "public, no-cache");
    assertEquals(new Uint8Array(await model.arrayBuffer()), new Uint8Array([1, 2, 3, 4]));

    const other = await app.request("/static/logo.svg");
    assertEquals(other.headers.get("cache-control"), "public, max-age=3600");
    await other.body?.cancel();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("staticFiles() changes the ETag when the file changes", async () => {
  const { dir, app } = await fixture();
  try {
    const first = await app.request("/static/build/app.js");
    await first.body?.cancel();
    await Deno.writeTextFile(`${dir}/static/build/app.js`, "console.log(22);\n");
    const second = await app.request("/static/build/app.js", {
      headers: { "If-None-Match": first.headers.get("etag")! },
    });
    assertEquals(second.status, 200);
    assert(second.headers.get("etag") !== first.headers.get("etag"));
    assertEquals(await second.text(), "console.log(22);\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("staticFiles() answers HEAD without a body and refuses other methods", async () => {
  const { dir, app } = await fixture();
  try {
    const head = await app.request("/static/build/app.js", { method: "HEAD" });
    assertEquals(head.status, 200);
    assertEquals(head.headers.get("content-length"), "16");
    const post = await app.request("/static/build/app.js", { method: "POST", body: "x" });
    assertEquals(post.status, 405);
    assertEquals(post.headers.get("allow"), "GET, HEAD");
    assert((await post.json()).error.includes("GET"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("staticFiles() never serves a file outside its root", async () => {
  const { dir, app } = await fixture();
  try {
    const paths = [
      "/static/../secret.json",
      "/static/%2e%2e/secret.json",
      "/static/..%2fsecret.json",
      "/static/..%5csecret.json",
      "/static/%252e%252e%252fsecret.json",
      "/static/link.json",
      "/static/build",
      "/static/missing.js",
    ];
    for (const path of paths) {
      const res = await app.request(`http://localhost${path}`);
      const text = await res.text();
      assertEquals(res.status, 404, path);
      assert(!text.includes("secret"), `${path} leaked: ${text}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("staticFiles() answers 404 when its root does not exist yet", async () => {
  const app = new Hono();
  app.use(staticFiles({ root: "/nonexistent/muddle/build", prefix: "/static/build/" }));
  const res = await app.request("/static/build/client.js");
  assertEquals(res.status, 404);
  assertEquals(await res.json(), { error: "no such file" });
});
