/**
 * Reads an uploaded image body (PNG or JPEG) for /api/encode: the size is
 * checked against the limit from Content-Length and again while reading.
 */
import { HttpError } from "../../framework/middleware/errors.ts";
import { readBody } from "../../framework/middleware/read_body.ts";

/** Largest image upload, in bytes. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The image content types /api/encode accepts. */
export const IMAGE_TYPES = ["image/png", "image/jpeg"] as const;

/** The body's bytes, at most `maxBytes`; larger bodies get 413 and empty ones 400. */
export async function readImageBody(req: Request, maxBytes = MAX_IMAGE_BYTES): Promise<Uint8Array> {
  const tooLarge = () =>
    new HttpError(413, `the image is larger than the ${maxBytes / 1024 / 1024} MB limit`);
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  const bytes = await readBody(req, { maxBytes, tooLarge });
  if (bytes.length === 0) {
    throw new HttpError(400, "the request has no image: expected PNG or JPEG bytes");
  }
  return bytes;
}
