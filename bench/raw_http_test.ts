import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { RawHttpConnection } from "./raw_http.ts";

Deno.test("RawHttpConnection reads sized, chunked, HEAD and 304 answers on one keep-alive connection", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/chunked") {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("ab"));
          c.enqueue(new TextEncoder().encode("cde"));
          c.close();
        },
      });
      return new Response(body);
    }
    if (path === "/cached") return new Response(null, { status: 304, headers: { etag: '"x"' } });
    return new Response(`echo ${req.method} ${await req.text()}`);
  });
  const conn = await RawHttpConnection.open("127.0.0.1", server.addr.port);
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  try {
    const posted = await conn.request({ method: "POST", target: "/x", body: "hello" });
    assertEquals([posted.status, text(posted.body)], [200, "echo POST hello"]);
    const chunked = await conn.request({ method: "GET", target: "/chunked" });
    assertEquals(text(chunked.body), "abcde");
    const head = await conn.request({ method: "HEAD", target: "/x" });
    assertEquals([head.status, head.body.length], [200, 0]);
    const cached = await conn.request({ method: "GET", target: "/cached" });
    assertEquals([cached.status, cached.headers.get("etag")], [304, '"x"']);
    const last = await conn.request({ method: "GET", target: "/y" });
    assertEquals(text(last.body), "echo GET ");
  } finally {
    conn.close();
    await server.shutdown();
  }
});
