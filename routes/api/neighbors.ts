/**
 * POST /api/neighbors `{"latent": [10]} | {"index": i}` with optional
 * `"k": 1..100` (default 8): the k nearest test images in latent space,
 * exactly, nearest first. For an index the image itself is left out.
 */
import { HttpError } from "../../framework/middleware/errors.ts";
import { parseIntegerInRange, parseLatent, parseObject } from "../../lib/validation/api_input.ts";
import { parseNeighborCount } from "../../lib/validation/explore_input.ts";
import type { Handlers } from "../../server/state.ts";
import { jsonBodyOf } from "./_validate.ts";

/** Finds the nearest test images. */
export const handler: Handlers = {
  POST(req, ctx) {
    const { model } = ctx.state;
    const body = parseObject(jsonBodyOf(req, ctx), ["latent", "index", "k"]);
    const k = parseNeighborCount(body.k);
    if ((body.latent === undefined) === (body.index === undefined)) {
      throw new HttpError(
        400,
        `give exactly one of "latent" (${model.latentSize} numbers) or "index" (0-${
          model.testCount - 1
        })`,
      );
    }
    if (body.index !== undefined) {
      const index = parseIntegerInRange(body.index, "index", 0, model.testCount - 1);
      return Response.json({
        neighbors: model.tools.neighbors(model.latentOf({ kind: "image", index }), k, index),
      });
    }
    const latent = parseLatent(body.latent, model.latentSize);
    return Response.json({ neighbors: model.tools.neighbors(latent, k) });
  },
};
