import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { staticFiles } from "./static_files.ts";

const text = "export const digits = [" + Array.from({ length: 800 }, (_, i) => i % 10).join(",") +
  "];\n";

async function fixture(): Promise<{ dir: string; app: Hono }> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/app.js`, text);
  await Deno.writeFile(`${dir}/app.js.br`, brotliCompressSync(new TextEncoder().encode(text)));
  await Deno.writeFile(`${dir}/images.bin`, new Uint8Array(20_000).map((_, i) => (i % 28) * 9));
  await Deno.writeFile(`${dir}/photo.png`, new Uint8Array(5_000));
  const app = new Hono();
  app.use(staticFiles({ root: dir, prefix: "/s/" }));
  return { dir, app };
}

Deno.test("staticFiles() sends a precompressed sibling with its own length, ETag and Vary", async () => {
  const { dir, app } = await fixture();
  try {
    const plain = await app.request("/s/app.js");
    assertEquals(plain.headers.get("content-encoding"), null);
    assertEquals(plain.headers.get("vary"), "Accept-Encoding");
    assertEquals(await plain.text(), text);

    const br = await app.request("/s/app.js", { headers: { "Accept-Encoding": "gzip, br" } });
    assertEquals(br.headers.get("content-encoding"), "br");
    assertEquals(br.headers.get("vary"), "Accept-Encoding");
    const bytes = new Uint8Array(await br.arrayBuffer());
    assertEquals(Number(br.headers.get("content-length")), bytes.length);
    assertEquals((await Deno.stat(`${dir}/app.js.br`)).size, bytes.length);
    assertEquals(new TextDecoder().decode(brotliDecompressSync(bytes)), text);
    const etag = br.headers.get("etag")!;
    assert(etag.endsWith('-br"') && etag !== plain.headers.get("etag"), etag);

    const again = await app.request("/s/app.js", {
      headers: { "Accept-Encoding": "br", "If-None-Match": etag },
    });
    assertEquals(again.status, 304);
    // The identity ETag does not validate the brotli body.
    const other = await app.request("/s/app.js", {
      headers: { "Accept-Encoding": "br", "If-None-Match": plain.headers.get("etag")! },
    });
    assertEquals(other.status, 200);
    await other.body?.cancel();

    // A sibling older than the file it stands for is stale: compress afresh instead.
    await Deno.utime(`${dir}/app.js.br`, 1, 1);
    const fresh = await app.request("/s/app.js", { headers: { "Accept-Encoding": "br" } });
    assertEquals(
      new TextDecoder().decode(brotliDecompressSync(new Uint8Array(await fresh.arrayBuffer()))),
      text,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("staticFiles() compresses a file without a sibling once, and leaves PNGs alone", async () => {
  const { dir, app } = await fixture();
  try {
    const raw = await Deno.readFile(`${dir}/images.bin`);
    const gz = await app.request("/s/images.bin", { headers: { "Accept-Encoding": "gzip" } });
    assertEquals(gz.headers.get("content-encoding"), "gzip");
    const bytes = new Uint8Array(await gz.arrayBuffer());
    assert(bytes.length < raw.length / 4, `${bytes.length} bytes`);
    assertEquals(Number(gz.headers.get("content-length")), bytes.length);
    assertEquals(new Uint8Array(gunzipSync(bytes)), raw);
    const head = await app.request("/s/images.bin", {
      method: "HEAD",
      headers: { "Accept-Encoding": "gzip" },
    });
    assertEquals(head.headers.get("content-length"), String(bytes.length));

    const png = await app.request("/s/photo.png", { headers: { "Accept-Encoding": "br, gzip" } });
    assertEquals(png.headers.get("content-encoding"), null);
    assertEquals(png.headers.get("vary"), null);
    assertEquals((await png.arrayBuffer()).byteLength, 5_000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
