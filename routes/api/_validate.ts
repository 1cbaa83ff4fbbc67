/**
 * The path-endpoint shape for the API and the checks on what the body
 * pipeline (framework/middleware/json_body.ts) handed a route. Field checks
 * (digit, latent, steps, ...) come from lib/validation/api_input.ts so the
 * routes and the fuzz test agree; every rejection here is an `HttpError` or
 * a `ValidationError`, answered as a JSON 4xx.
 */
import {
  parseDigit,
  parseIntegerInRange,
  parseLatent,
  parseObject,
  requireJsonNumber,
} from "../../lib/validation/api_input.ts";
import { HttpError } from "../../framework/middleware/errors.ts";
import type { RouteContext } from "../../framework/types.ts";
import type { Endpoint } from "../../lib/muddle/mod.ts";

/**
 * The request's JSON body, as the body pipeline checked it. A body of
 * another type passes that pipeline unread, and is refused here with 415.
 */
export function jsonBodyOf(req: Request, ctx: RouteContext<unknown, unknown>): unknown {
  if (ctx.body === undefined) {
    const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    throw new HttpError(
      415,
      `Content-Type must be application/json, got ${JSON.stringify(type)}`,
      { Connection: "close" },
    );
  }
  return ctx.body;
}

/**
 * Refuses query parameters that are unknown or given twice (`?scale=2&scale=9`
 * would otherwise mean whichever the reader picks).
 */
export function checkQuery(query: URLSearchParams, known: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of query.keys()) {
    const name = JSON.stringify(key.slice(0, 40));
    if (!known.includes(key)) {
      throw new HttpError(
        400,
        `unknown parameter ${name}; allowed: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    if (seen.has(key)) throw new HttpError(400, `parameter ${name} is given more than once`);
    seen.add(key);
  }
}

/** A path endpoint: a digit's centroid, a test image, or a raw latent (lib/muddle/endpoint.ts). */
export type { Endpoint };

/**
 * Parses `{"digit": D}` (that digit's centroid), `{"index": i}` (test image
 * i) or `{"latent": [..]}`: exactly one of the three keys. Numbers must be
 * JSON numbers, not strings.
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
    const digit = requireJsonNumber(obj.digit, `${field}.digit`);
    return { kind: "centroid", digit: parseDigit(digit, `${field}.digit`) };
  }
  if (keys[0] === "index") {
    const at = requireJsonNumber(obj.index, `${field}.index`);
    const index = parseIntegerInRange(at, `${field}.index`, 0, imageCount - 1);
    return { kind: "image", index };
  }
  return { kind: "latent", latent: parseLatent(obj.latent, latentSize, `${field}.latent`) };
}
