/**
 * Generates malformed and hostile HTTP requests for the fuzz test: wrong
 * types, NaN/Infinity, huge numbers, deep or huge JSON, bad UTF-8, missing
 * and unknown fields, wrong content types and methods, and odd or encoded
 * paths. Deterministic for a seed, so a failure can be replayed.
 *
 * @module
 */
import type { RawRequest } from "../bench/raw_http.ts";
import { Rng } from "../lib/random/seeded_rng.ts";
import { encodeGrayPng } from "../lib/image/png.ts";

/** A generated request and the family it came from (for failure messages and counts). */
export interface FuzzCase {
  /** Family name, e.g. "decode-body". */
  kind: string;
  /** The request to send. */
  request: RawRequest;
  /** Send on a fresh connection and close it after (for requests that may desync the stream). */
  isolate?: boolean;
  /** Malformed at the HTTP level: Deno's parser may answer a bare 400 before the app sees it. */
  protocol?: boolean;
}

type Rand = () => number;

function rng(seed: number): Rand {
  const generator = new Rng(seed >>> 0);
  return () => generator.next();
}

const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)];

/** JSON fragments (as source text) that are wrong as a number. */
const BAD_NUMBER_TOKENS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e309",
  "1e308",
  "-1e308",
  "9007199254740993",
  "1e-400",
  '"1"',
  '"NaN"',
  '""',
  "null",
  "true",
  "false",
  "[]",
  "{}",
  "[1]",
  '{"a":1}',
  "0x10",
  "01",
  "+1",
  ".5",
  "1.",
  "--1",
  "1e",
  '"\\u0000"',
  "-0",
  "1001",
  "-1001",
  "123456789012345678901234567890",
] as const;

/** Whole JSON bodies (text) that are broken or of the wrong shape. */
const BAD_BODIES = [
  "",
  " ",
  "{",
  "}",
  "[",
  "null",
  "true",
  "0",
  '"x"',
  "[]",
  "{}",
  '{"latent":}',
  '{"latent":[1,2,',
  '{"latent":[1,2,3]}',
  "{'latent':[1]}",
  '{"latent":[1,2,3,4,5,6,7,8,9,10],}',
  "\u0000",
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
  '{"latent":"0,0,0,0,0,0,0,0,0,0"}',
  '{"latent":{"0":1,"length":10}}',
  '{"latent":[[1],[2],[3],[4],[5],[6],[7],[8],[9],[10]]}',
] as const;

function latentText(r: Rand, n: number, bad?: string): string {
  const values = Array.from({ length: n }, () => String(Math.round((r() * 6 - 3) * 1000) / 1000));
  if (bad !== undefined && n > 0) values[Math.floor(r() * n)] = bad;
  return `[${values.join(",")}]`;
}

function deepJson(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

function json(
  body: string,
  extraHeaders: Record<string, string> = {},
): Pick<RawRequest, "headers" | "body"> {
  return { headers: { "Content-Type": "application/json", ...extraHeaders }, body };
}

function decodeCase(r: Rand): FuzzCase {
  const roll = r();
  const target = r() < 0.15
    ? `/api/decode?scale=${pick(r, ["0", "17", "-1", "abc", "1e9", "NaN", "%ff", "", "2.5"])}`
    : "/api/decode";
  const accept: Record<string, string> = r() < 0.3 ? { Accept: "image/png" } : {};
  if (roll < 0.35) {
    const body = `{"latent":${latentText(r, 10, pick(r, BAD_NUMBER_TOKENS))}}`;
    return {
      kind: "decode-bad-number",
      request: { method: "POST", target, ...json(body, accept) },
    };
  }
  if (roll < 0.5) {
    const n = pick(r, [0, 1, 9, 11, 100, 1000]);
    return {
      kind: "decode-bad-length",
      request: { method: "POST", target, ...json(`{"latent":${latentText(r, n)}}`, accept) },
    };
  }
  if (roll < 0.6) {
    return {
      kind: "decode-bad-body",
      request: { method: "POST", target, ...json(pick(r, BAD_BODIES), accept) },
    };
  }
  if (roll < 0.67) {
    const body = `{"latent":${latentText(r, 10)},"${pick(r, ["x", "steps", "latent2", ""])}":1}`;
    return { kind: "decode-extra-field", request: { method: "POST", target, ...json(body) } };
  }
  if (roll < 0.74) {
    const depth = pick(r, [9, 50, 1000, 5000, 8000]);
    const body = r() < 0.5
      ? `{"latent":${deepJson(depth)}}`
      : `{"latent":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;
    return { kind: "decode-deep-json", request: { method: "POST", target, ...json(body) } };
  }
  if (roll < 0.78) {
    const size = pick(r, [16 * 1024 + 1, 100_000, 1_000_000]);
    const body = `{"latent":[${"0,".repeat(Math.floor(size / 2))}0]}`;
    return { kind: "decode-huge-body", request: { method: "POST", target, ...json(body) } };
  }
  if (roll < 0.84) {
    const prefix = new TextEncoder().encode(`{"latent":${latentText(r, 10)},"x":"`);
    const junk = pick(r, [
      [0xff],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0xfe, 0xff],
    ]);
    const body = new Uint8Array([...prefix, ...junk, 0x22, 0x7d]);
    return {
      kind: "decode-bad-utf8",
      request: { method: "POST", target, headers: { "Content-Type": "application/json" }, body },
    };
  }
  if (roll < 0.92) {
    const type = pick(r, [
      undefined,
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
      "json",
      "application/json; charset=utf-16",
      "*/*",
      'application/json; x="y"',
    ]);
    const headers: Record<string, string> = type === undefined ? {} : { "Content-Type": type };
    return {
      kind: "decode-content-type",
      request: { method: "POST", target, headers, body: `{"latent":${latentText(r, 10)}}` },
    };
  }
  if (roll < 0.96) {
    // A chunked body larger than the limit: the server must stop reading and answer 413.
    const chunk = "0,".repeat(4096);
    const chunks = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`)
      .join("");
    return {
      kind: "decode-chunked-huge",
      isolate: true,
      request: {
        method: "POST",
        target,
        headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
        body: `${chunks}0\r\n\r\n`,
      },
    };
  }
  const method = pick(r, ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]);
  return { kind: "decode-wrong-method", request: { method, target } };
}

function muddleCase(r: Rand): FuzzCase {
  const digit = pick(r, [
    "",
    "-1",
    "10",
    "1.5",
    "abc",
    "NaN",
    "Infinity",
    "1e2",
    "0x3",
    "%ff",
    "%00",
    "3%00",
    "%203",
    "3%20",
    "١",
    "99999999999999999999",
    "4",
  ]);
  const method = pick(r, [
    "",
    "AVG",
    "boundary%00",
    "<script>",
    "x".repeat(300),
    "avg",
    "farthest",
    "boundary",
    "%c0%ae",
  ]);
  const seed = pick(r, ["-1", "4294967296", "1.5", "1e400", "abc", "", "0", "7"]);
  const params = [`digit=${digit}`, `method=${method}`, `seed=${seed}`];
  if (r() < 0.3) {
    params.push(
      pick(r, [
        "partner=4",
        "partner=11",
        "partner=x",
        "extra=1",
        "digit=5",
        "%zz=1",
        "=",
        "&&",
        "seed",
      ]),
    );
  }
  // Keep at least one field invalid, so the server rejects before doing real work.
  if (digit === "4" && !params.some((p) => /partner=(11|x)|extra|%zz|=$|seed$/.test(p))) {
    params[2] = "seed=-5";
  }
  const q = params.filter(() => r() > 0.1).join("&");
  const method2 = r() < 0.08 ? pick(r, ["POST", "PUT", "DELETE"]) : "GET";
  const long = r() < 0.03 ? `&pad=${"a".repeat(6000)}` : "";
  return { kind: "muddle-query", request: { method: method2, target: `/api/muddle?${q}${long}` } };
}

function pathCase(r: Rand): FuzzCase {
  const badEnd = () =>
    pick(r, [
      "{}",
      "null",
      "[]",
      "1",
      '"3"',
      '{"digit":10}',
      '{"digit":-1}',
      '{"digit":"3"}',
      '{"digit":1.5}',
      '{"index":-1}',
      '{"index":10000}',
      '{"index":1e9}',
      '{"index":"7"}',
      '{"digit":1,"index":2}',
      `{"latent":${latentText(r, 9)}}`,
      `{"latent":${latentText(r, 10, pick(r, BAD_NUMBER_TOKENS))}}`,
      '{"latent":null}',
      '{"centroid":3}',
    ]);
  const goodEnd = () => pick(r, ['{"digit":3}', '{"index":42}', `{"latent":${latentText(r, 10)}}`]);
  const steps = pick(r, [
    "0",
    "1",
    "65",
    "1000000",
    "-3",
    "2.5",
    '"16"',
    "null",
    "NaN",
    "1e309",
    "[]",
  ]);
  const roll = r();
  let body: string;
  if (roll < 0.4) body = `{"from":${badEnd()},"to":${goodEnd()},"steps":8}`;
  else if (roll < 0.7) body = `{"from":${goodEnd()},"to":${goodEnd()},"steps":${steps}}`;
  else if (roll < 0.85) body = `{"from":${goodEnd()}}`;
  else body = `{"from":${goodEnd()},"to":${badEnd()},"extra":true}`;
  return { kind: "path-body", request: { method: "POST", target: "/api/path", ...json(body) } };
}

/** A small valid PNG of a digit-like stroke, for truncation and corruption. */
const SMALL_PNG = encodeGrayPng({
  width: 12,
  height: 12,
  data: Uint8Array.from({ length: 144 }, (_, i) => (i % 12 === 5 ? 0 : 255)),
});

/** /api/encode, /api/neighbors and /api/decode at a position, with broken images and fields. */
function exploreCase(r: Rand): FuzzCase {
  const roll = r();
  if (roll < 0.35) {
    // Image bodies: random bytes, a PNG cut short or with a flipped byte, a claimed gigapixel size.
    const bytes = SMALL_PNG.slice(0, 8 + Math.floor(r() * (SMALL_PNG.length - 8)));
    if (r() < 0.5) bytes[Math.floor(r() * bytes.length)] ^= 0xff;
    if (r() < 0.2 && bytes.length >= 24) new DataView(bytes.buffer).setUint32(16, 0xffffffff);
    const body = r() < 0.3
      ? Uint8Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256))
      : r() < 0.2
      ? Uint8Array.of(0xff, 0xd8, 0xff, ...bytes.subarray(8))
      : bytes;
    const type = pick(r, ["image/png", "image/jpeg", "image/gif", "application/octet-stream"]);
    return {
      kind: "encode-image",
      request: { method: "POST", target: "/api/encode", headers: { "Content-Type": type }, body },
    };
  }
  if (roll < 0.55) {
    const n = pick(r, [0, 1, 783, 784, 785]);
    const values = Array.from(
      { length: n },
      () => (r() < 0.02 ? pick(r, BAD_NUMBER_TOKENS) : "0.5"),
    );
    const body = pick(r, [
      `{"image":[${values.join(",")}]}`,
      `{"image":${pick(r, BAD_NUMBER_TOKENS)}}`,
    ]);
    return {
      kind: "encode-json",
      request: { method: "POST", target: "/api/encode", ...json(body) },
    };
  }
  if (roll < 0.8) {
    const k = pick(r, ["0", "101", "-1", "2.5", '"8"', "null", "NaN", "8"]);
    const body = pick(r, [
      `{"index":${pick(r, ["-1", "10000", "1e309", '"3"', "3"])},"k":${k}}`,
      `{"latent":${latentText(r, pick(r, [9, 10, 11]))},"k":${k}}`,
      `{"latent":${latentText(r, 10, pick(r, BAD_NUMBER_TOKENS))}}`,
      `{"index":3,"latent":${latentText(r, 10)}}`,
      "{}",
    ]);
    return {
      kind: "neighbors-body",
      request: { method: "POST", target: "/api/neighbors", ...json(body) },
    };
  }
  const xy = pick(r, [
    "[0,0]",
    "[1]",
    "[1,2,3]",
    `[${pick(r, BAD_NUMBER_TOKENS)},0]`,
    '"0,0"',
    "null",
  ]);
  const projection = pick(r, ['"umap"', '"pca"', '"tsne"', "1", "null"]);
  const body = `{"position":{"projection":${projection},"xy":${xy}}}`;
  return {
    kind: "decode-position",
    request: { method: "POST", target: "/api/decode", ...json(body) },
  };
}

const ESCAPES = [
  "/static/../deno.json",
  "/static/%2e%2e/deno.json",
  "/static/%2E%2E/deno.json",
  "/static/.%2e/deno.json",
  "/static/..%2fdeno.json",
  "/static/..%2Fdeno.json",
  "/static/..%5cdeno.json",
  "/static/..\\deno.json",
  "/static/%252e%252e/deno.json",
  "/static/%252e%252e%252fdeno.json",
  "/static/%c0%ae%c0%ae/deno.json",
  "/static/model/../../deno.json",
  "/static/model/..%2f..%2fdeno.json",
  "/static/build/%2e%2e%2f%2e%2e%2fdeno.json",
  "/static/build/..%5c..%5cdeno.json",
  "/static//etc/passwd",
  "/static/%2fetc%2fpasswd",
  "/static/model/%00",
  "/static/model/manifest.json%00.js",
  "/static/.git/config",
  "/static/model/.hidden",
  "/%2e%2e/deno.json",
  "/api/../deno.json",
  "/api/%2e%2e/deno.json",
  "//deno.json",
  "/static/model/C:%5cwindows",
  "/static/%",
  "/static/%zz",
  "/static/model/" + "a/".repeat(40),
  "/" + "x".repeat(4000),
  "*",
  "/static/model/../model/manifest.json",
  "/api/health/../../deno.json",
  "/api/decode/..%2f..%2fdeno.json",
  "/static/build/../../../../../../etc/passwd",
] as const;

function pathEscapeCase(r: Rand): FuzzCase {
  const target = pick(r, ESCAPES);
  const method = r() < 0.85 ? "GET" : pick(r, ["HEAD", "POST", "PUT", "DELETE"]);
  return { kind: "odd-path", request: { method, target } };
}

function methodCase(r: Rand): FuzzCase {
  const target = pick(r, [
    "/api/health",
    "/api/muddle?digit=3",
    "/api/path",
    "/api/decode",
    "/",
    "/training",
    "/api",
    "/api/",
    "/api/nope",
  ]);
  const method = pick(r, [
    "PUT",
    "DELETE",
    "PATCH",
    "OPTIONS",
    "TRACE",
    "FOO",
    "CONNECT",
    "PROPFIND",
    "get",
  ]);
  // CONNECT needs authority-form; send it isolated since servers may close after it.
  const odd = method === "CONNECT";
  return { kind: "wrong-method", isolate: odd, protocol: odd, request: { method, target } };
}

function headerAbuseCase(r: Rand): FuzzCase {
  const latent = `{"latent":${latentText(r, 10)}}`;
  const roll = r();
  let headers: Record<string, string>;
  if (roll < 0.2) {
    headers = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`X-Pad-${i}`, "y"]));
  } else if (roll < 0.4) {
    headers = { "X-Big": "z".repeat(pick(r, [9_000, 70_000])) };
  } else if (roll < 0.6) {
    // Request smuggling shapes: both framings, or two lengths.
    headers = { "Content-Length": String(latent.length), "Transfer-Encoding": "chunked" };
  } else if (roll < 0.8) {
    headers = { "Content-Length": `${latent.length}, ${latent.length + 5}` };
  } else {
    headers = { "Content-Length": "-1" };
  }
  return {
    kind: "header-abuse",
    isolate: true,
    protocol: true,
    request: {
      method: "POST",
      target: "/api/decode",
      headers: { "Content-Type": "application/json", ...headers },
      body: latent,
    },
  };
}

/** `count` fuzz cases from `seed`, spread over the families above. */
export function generateFuzzCases(count: number, seed = 1): FuzzCase[] {
  const r = rng(seed);
  const families: Array<[number, (r: Rand) => FuzzCase]> = [
    [0.32, decodeCase],
    [0.08, exploreCase],
    [0.2, muddleCase],
    [0.15, pathCase],
    [0.13, pathEscapeCase],
    [0.02, headerAbuseCase],
    [0.1, methodCase],
  ];
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    let roll = r();
    for (const [weight, make] of families) {
      roll -= weight;
      if (roll < 0 || make === methodCase) {
        out.push(make(r));
        break;
      }
    }
  }
  return out;
}
