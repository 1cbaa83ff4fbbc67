import { ok, throws } from "node:assert/strict";
import { encode as encodePng } from "fast-png";
import jpeg from "jpeg-js";
import { decodeImage, sniffImageFormat } from "./decode_image.ts";

/** A 16x12 gradient, value x * 16 in every channel. */
function gradient(channels: number) {
  const [w, h] = [16, 12];
  const data = new Uint8Array(w * h * channels);
  for (let p = 0; p < w * h; p++) {
    for (let c = 0; c < channels; c++) data[p * channels + c] = (p % w) * 16;
    if (channels === 4) data[p * 4 + 3] = 255;
  }
  return { width: w, height: h, data };
}

Deno.test("decodeImage() reads gray and RGB PNGs as luma in 0..1", () => {
  for (const channels of [1, 3, 4]) {
    const image = decodeImage(encodePng({ ...gradient(channels), channels, depth: 8 }));
    ok(image.width === 16 && image.height === 12);
    ok(Math.abs(image.data[5] - 80 / 255) < 1e-6, `${channels} channels: ${image.data[5]}`);
  }
});

Deno.test("decodeImage() takes a transparent PNG's alpha as the ink, whatever its colour", () => {
  const [w, h] = [10, 10];
  const rgba = new Uint8Array(w * h * 4).fill(255); // white everywhere...
  for (let p = 0; p < w * h; p++) rgba[p * 4 + 3] = p === 55 ? 255 : 0; // ...opaque at one pixel
  const image = decodeImage(encodePng({ width: w, height: h, data: rgba, channels: 4, depth: 8 }));
  ok(image.data[55] === 0 && image.data[0] === 1);
});

Deno.test("decodeImage() reads a JPEG close to its source", () => {
  const source = gradient(4);
  const bytes = jpeg.encode(source, 95).data;
  ok(sniffImageFormat(new Uint8Array(bytes)) === "jpeg");
  const image = decodeImage(new Uint8Array(bytes));
  for (let x = 0; x < 16; x++) {
    ok(
      Math.abs(image.data[5 * 16 + x] - (x * 16) / 255) < 0.05,
      `x=${x}: ${image.data[5 * 16 + x]}`,
    );
  }
});

Deno.test("decodeImage() rejects other files, broken images and huge sizes with clear errors", () => {
  throws(() => decodeImage(new TextEncoder().encode("GIF89a....")), /not a PNG or JPEG/);
  const png = encodePng({ ...gradient(1), channels: 1, depth: 8 });
  throws(
    () => decodeImage(png.slice(0, 40)),
    (e: Error) => e instanceof TypeError && /PNG/.test(e.message),
  );
  const huge = png.slice();
  new DataView(huge.buffer).setUint32(16, 100_000);
  new DataView(huge.buffer).setUint32(20, 100_000);
  throws(
    () => decodeImage(huge),
    (e: Error) => e instanceof RangeError && /at most/.test(e.message),
  );
  throws(() => decodeImage(new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2])), /JPEG/);
});
