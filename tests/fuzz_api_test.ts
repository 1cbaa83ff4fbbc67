/**
 * Fuzz test of the running server: thousands of malformed and
 * hostile requests over real sockets, asserting that none gets a 5xx, no
 * file outside static/ leaks, the server still answers /api/health, and the
 * tfjs tensor count is back where it started.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { RawHttpConnection, type RawResponse } from "../bench/raw_http.ts";
import { type FuzzCase, generateFuzzCases } from "./fuzz_requests.ts";
import { startTestServer } from "./support/test_server.ts";

const CASES = 2400;
const WORKERS = 4;
const decoder = new TextDecoder();

interface Outcome {
  fuzz: FuzzCase;
  response: RawResponse | null;
  error?: string;
}

async function sendAll(port: number, cases: FuzzCase[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    let conn: RawHttpConnection | null = null;
    while (next < cases.length) {
      const fuzz = cases[next++];
      const own = fuzz.isolate ? await RawHttpConnection.open("127.0.0.1", port) : null;
      try {
        conn ??= own ? null : await RawHttpConnection.open("127.0.0.1", port);
        const response = await (own ?? conn!).request(fuzz.request);
        outcomes.push({ fuzz, response });
        if (conn?.closed) conn = null;
      } catch (error) {
        outcomes.push({ fuzz, response: null, error: (error as Error).message });
        conn?.close();
        conn = null;
      } finally {
        own?.close();
      }
    }
    conn?.close();
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return outcomes;
}

function describe(o: Outcome): string {
  const r = o.fuzz.request;
  const body = typeof r.body === "string"
    ? r.body.slice(0, 80)
    : `${r.body?.byteLength ?? 0} bytes`;
  const got = o.response
    ? `${o.response.status} ${decoder.decode(o.response.body).slice(0, 120)}`
    : o.error;
  return `[${o.fuzz.kind}] ${r.method} ${r.target.slice(0, 80)} ${body} -> ${got}`;
}

Deno.test({
  name:
    `the server answers ${CASES} malformed requests with 4xx, leaks no file and leaks no tensor`,
  sanitizeResources: false,
  fn: async () => {
    const server = await startTestServer();
    try {
      const tensorsBefore = tf.memory().numTensors;
      const cases = generateFuzzCases(CASES, 20261128);
      const outcomes = await sendAll(server.port, cases);
      assertEquals(outcomes.length, CASES);

      const fiveHundreds = outcomes.filter((o) => o.response && o.response.status >= 500);
      assert(
        fiveHundreds.length === 0,
        `5xx answers:\n${fiveHundreds.slice(0, 20).map(describe).join("\n")}`,
      );

      const leaks = outcomes.filter((o) => {
        const text = o.response ? decoder.decode(o.response.body) : "";
        return text.includes('"nodeModulesDir"') || text.includes("root:x:0:0");
      });
      assert(
        leaks.length === 0,
        `files outside static/ served:\n${leaks.map(describe).join("\n")}`,
      );

      // Every API rejection is JSON that says what was wrong.
      const badJson = outcomes.filter((o) => {
        if (!o.response || o.response.status < 400) return false;
        if (!o.fuzz.request.target.startsWith("/api/")) return false;
        if (o.fuzz.request.method === "HEAD" || o.fuzz.protocol) return false;
        try {
          const parsed = JSON.parse(decoder.decode(o.response.body));
          return typeof parsed.error !== "string" || parsed.error.length === 0;
        } catch {
          return true;
        }
      });
      assert(
        badJson.length === 0,
        `API errors without a JSON body:\n${badJson.slice(0, 20).map(describe).join("\n")}`,
      );

      // Security headers ride on every answer the app gives, errors included.
      const bare = outcomes.filter((o) =>
        o.response && !o.fuzz.protocol && o.response.body.length > 0 &&
        o.response.headers.get("x-content-type-options") !== "nosniff"
      );
      assert(
        bare.length === 0,
        `answers without security headers:\n${bare.slice(0, 10).map(describe).join("\n")}`,
      );

      // A dropped connection is no answer at all; only requests that desync the stream may see one.
      const dropped = outcomes.filter((o) => o.response === null && !o.fuzz.isolate);
      assert(dropped.length === 0, `no answer:\n${dropped.slice(0, 20).map(describe).join("\n")}`);

      const byStatus: Record<string, number> = {};
      const byKind: Record<string, Record<string, number>> = {};
      for (const o of outcomes) {
        const key = o.response ? String(o.response.status) : "closed";
        byStatus[key] = (byStatus[key] ?? 0) + 1;
        const kind = (byKind[o.fuzz.kind] ??= {});
        kind[key] = (kind[key] ?? 0) + 1;
      }
      console.log(`fuzz: ${CASES} requests, by status: ${JSON.stringify(byStatus)}`);
      for (const [kind, counts] of Object.entries(byKind)) {
        console.log(`  ${kind.padEnd(20)} ${JSON.stringify(counts)}`);
      }

      const health = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      assertEquals(health.status, 200);
      const body = await health.json();
      assertEquals(body.status, "ok");
      // Batched decodes may still be queued for a turn: count once the batcher is idle.
      await server.idle();
      assertEquals(tf.memory().numTensors, tensorsBefore);
      assertEquals(body.tensors, tensorsBefore);
    } finally {
      await server.close();
    }
  },
});
