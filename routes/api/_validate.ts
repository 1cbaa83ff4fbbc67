/**
 * Request-body reading and the path-endpoint shape for the API. Field
 * checks (digit, latent, steps, ...) come from lib/validation/api_input.ts so
 * the routes and the fuzz test agree; every rejection here is an
 * `HttpError`, answered as a JSON 4xx.
 */
import {
  parseDigit,
  parseIntegerInRange,
  parseLatent,
  parseObject,
} from "../../lib/validation/api_input.ts";
import { HttpError } from "../../framework/middleware/errors.ts";
import type { Endpoint } from "../../lib/muddle/mod.ts";

/** Largest JSON body the API reads, in bytes (a path request is well under 2 KiB). */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads a JSON request body: checks the content type, then the declared and
 * actual size against `maxBytes` before parsing, then UTF-8 and JSON syntax.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, `expected content-type application/json, got "${type || "none"}"`);
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readCapped(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
}

async function readCapped(req: Request, maxBytes: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `request body is larger than the ${maxBytes}-byte limit`);
}

/** A path endpoint: a digit's centroid, a test image, or a raw latent (lib/muddle/endpoint.ts). */
export type { Endpoint };

/**
 * Parses `{"digit": D}` (that digit's centroid), `{"index": i}` (test image
 * i) or `{"latent": [..]}`: exactly one of the three keys.
 */
export function parseEndpoint(
  value: unknown,
  field: string,
  latentSize: number,
  imageCount: number,
): Endpoint {
  const obj = parseObject(value, ["digit", "index", "latent"], field);
  const keys = Object.keys(obj);
  if (keys.length !== 1) {
    throw new HttpError(
      400,
      `${field} must have exactly one of "digit" (0-9), "index" (0-${
        imageCount - 1
      }) or "latent" (${latentSize} numbers)`,
    );
  }
  if (keys[0] === "digit") {
    return { kind: "centroid", digit: parseDigit(obj.digit, `${field}.digit`) };
  }
  if (keys[0] === "index") {
    const index = parseIntegerInRange(obj.index, `${field}.index`, 0, imageCount - 1);
    return { kind: "image", index };
  }
  return { kind: "latent", latent: parseLatent(obj.latent, latentSize, `${field}.latent`) };
}
