/**
 * POST /api/encode: `{"image": [784 values in 0..1]}` (used as given), or a
 * PNG or JPEG body of any size up to 2 MB (prepared as MNIST's digits were).
 * Answers the latent, its place on both maps, its nearest test images, the
 * judges' reading, the prepared image and its reconstruction. `?k=` sets the
 * number of neighbours (default 8).
 */
import { HttpError } from "../../framework/middleware/errors.ts";
import { decodeImage } from "../../lib/image/decode_image.ts";
import { prepareDigit } from "../../lib/image/prepare_digit.ts";
import { parseObject, requireField } from "../../lib/validation/api_input.ts";
import { parseImageValues, parseNeighborCount } from "../../lib/validation/explore_input.ts";
import type { ServerModel } from "../../server/model.ts";
import type { Handlers } from "../../server/state.ts";
import { IMAGE_TYPES, readImageBody } from "./_image_body.ts";
import { jsonBodyOf } from "./_validate.ts";
import { roundAll } from "./decode.ts";

/** Encodes one digit image. */
export const handler: Handlers = {
  async POST(req, ctx) {
    const { model } = ctx.state;
    const kParam = ctx.url.searchParams.get("k");
    const k = parseNeighborCount(kParam ?? undefined);
    const pixels = model.imageSide * model.imageSide;
    const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    let image: Float32Array;
    if ((IMAGE_TYPES as readonly string[]).includes(type)) {
      image = prepareUpload(await readImageBody(req));
    } else if (type === "application/json") {
      const body = parseObject(jsonBodyOf(req, ctx), ["image"]);
      image = parseImageValues(requireField(body, "image"), pixels);
    } else {
      throw new HttpError(
        415,
        `expected content-type application/json, image/png or image/jpeg, got "${type || "none"}"`,
      );
    }
    return Response.json(await encodeAnswer(model, image, k));
  },
};

function prepareUpload(bytes: Uint8Array): Float32Array {
  let decoded;
  try {
    decoded = decodeImage(bytes);
  } catch (error) {
    throw new HttpError(error instanceof RangeError ? 413 : 400, (error as Error).message);
  }
  try {
    return prepareDigit(decoded);
  } catch (error) {
    throw new HttpError(422, (error as Error).message);
  }
}

/** Everything /api/encode answers about one prepared 28x28 image. */
async function encodeAnswer(model: ServerModel, image: Float32Array, k: number) {
  const { encode } = model.tools;
  if (!encode) throw new HttpError(503, "this model directory has no encoder");
  const latent = encode(image);
  const positions = model.tools.positions(latent);
  const reconstruction = await model.decodeOne(latent);
  const [verdict] = model.engine.judge(image);
  return {
    latent: Array.from(latent),
    positions,
    neighbors: model.tools.neighbors(latent, k),
    judge: { probabilities: verdict.probabilities },
    image: roundAll(image),
    reconstruction: roundAll(reconstruction),
  };
}
