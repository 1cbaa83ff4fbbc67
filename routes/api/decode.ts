/**
 * POST /api/decode {"latent": [10 numbers]}: the decoded image as 784 values
 * in 0..1, or as a PNG when the request accepts image/png (`?scale=1..16`
 * enlarges it). `{"position": {"projection": "umap" | "pca", "xy": [x, y]}}`
 * decodes the latent estimated at that map position, and answers it too.
 */
import {
  parseIntegerInRange,
  parseLatent,
  parseObject,
  requireField,
} from "../../lib/validation/api_input.ts";
import { digitToGray, encodeGrayPng } from "../../lib/image/mod.ts";
import { HttpError } from "../../framework/middleware/errors.ts";
import { parsePosition } from "../../lib/validation/explore_input.ts";
import type { Handlers } from "../../server/state.ts";
import { checkQuery, jsonBodyOf } from "./_validate.ts";

/** Decodes one latent. */
export const handler: Handlers = {
  async POST(req, ctx) {
    const { model } = ctx.state;
    checkQuery(ctx.url.searchParams, ["scale"]);
    const body = parseObject(jsonBodyOf(req, ctx), ["latent", "position"]);
    if (body.position !== undefined && body.latent !== undefined) {
      throw new HttpError(400, `give one of "latent" or "position", not both`);
    }
    let latent: Float32Array;
    if (body.position !== undefined) {
      const { projection, xy } = parsePosition(body.position);
      latent = model.tools.estimate(projection, xy);
    } else latent = parseLatent(requireField(body, "latent"), model.latentSize);
    const scaleParam = ctx.url.searchParams.get("scale");
    const scale = scaleParam === null ? 1 : parseIntegerInRange(scaleParam, "scale", 1, 16);
    // Batched with concurrent decode requests into one call (server/decode_batcher.ts).
    const image = await model.decodeOne(latent);
    if (wantsPng(req)) {
      return new Response(encodeGrayPng(digitToGray(image, model.imageSide, scale)), {
        headers: { "content-type": "image/png" },
      });
    }
    const estimated = body.position !== undefined ? { latent: Array.from(latent) } : {};
    return Response.json({ side: model.imageSide, image: roundAll(image), ...estimated });
  },
};

/** True when the Accept header names image/png (JSON stays the default). */
export function wantsPng(req: Request): boolean {
  return /\bimage\/png\b/i.test(req.headers.get("accept") ?? "");
}

/** Values rounded to 4 decimals, which keeps responses small and loses nothing visible. */
export function roundAll(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => Math.round(v * 1e4) / 1e4);
}
