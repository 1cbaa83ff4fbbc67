/**
 * GET /api/muddle?digit=4|from=1234[&method=boundary&seed=1&partner=9]: one
 * muddled digit from the engine, as JSON (or a PNG when image/png is
 * accepted): from test image `from`, or from one of digit D drawn with the
 * seed. `method` defaults to boundary and `seed` to 0.
 */
import {
  parseDigit,
  parseIntegerInRange,
  parseMethod,
  parseSeed,
  ValidationError,
} from "../../lib/validation/api_input.ts";
import { digitToGray, encodeGrayPng } from "../../lib/image/mod.ts";
import type { Handlers } from "../../server/state.ts";
import { checkQuery } from "./_validate.ts";
import { roundAll, wantsPng } from "./decode.ts";

const KNOWN = ["digit", "from", "partner", "method", "seed"];

/** Generates one muddled digit. */
export const handler: Handlers = {
  GET(req, ctx) {
    const q = ctx.url.searchParams;
    checkQuery(q, KNOWN);
    const { model } = ctx.state;
    const fromRaw = q.get("from");
    if (fromRaw !== null && q.has("digit")) {
      throw new ValidationError("from", "give digit or from, not both");
    }
    const from = fromRaw === null
      ? undefined
      : parseIntegerInRange(fromRaw, "from", 0, model.testCount - 1);
    const digit = from === undefined
      ? parseDigit(q.get("digit") ?? undefined)
      : model.testLabels[from];
    const partnerRaw = q.get("partner");
    const partner = partnerRaw === null ? undefined : parseDigit(partnerRaw, "partner");
    if (partner === digit) {
      throw new ValidationError("partner", `partner must differ from digit (both are ${digit})`);
    }
    const method = parseMethod(q.get("method") ?? "boundary");
    const seed = parseSeed(q.get("seed") ?? "0");
    const result = model.engine.generate({ digit, from, partner, method, seed });
    if (wantsPng(req)) {
      return new Response(encodeGrayPng(digitToGray(result.image, model.imageSide, 4)), {
        headers: { "content-type": "image/png" },
      });
    }
    return Response.json({
      ...result,
      latent: roundAll(result.latent),
      image: roundAll(result.image),
    });
  },
};
