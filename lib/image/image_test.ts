import { deepStrictEqual as assertEquals, ok as assert, throws } from "node:assert/strict";
import { decode } from "fast-png";
import { contactSheet, digitToGray, encodeGrayPng } from "./mod.ts";
import { captionTile } from "./caption.ts";

Deno.test("digitToGray() repeats each pixel scale x scale times and clamps to bytes", () => {
  const values = new Array(4).fill(0);
  values[1] = 1;
  values[2] = 0.5;
  values[3] = 7;
  const image = digitToGray(values, 2, 2);
  assertEquals(image.width, 4);
  assertEquals(Array.from(image.data), [
    0,
    0,
    255,
    255,
    0,
    0,
    255,
    255,
    128,
    128,
    255,
    255,
    128,
    128,
    255,
    255,
  ]);
  throws(() => digitToGray(new Array(5), 2), /expected 2x2 = 4 values, got 5/);
  throws(() => digitToGray(values, 2, 0), /scale must be an integer from 1 to 64/);
});

Deno.test("contactSheet() places tiles row by row with gaps", () => {
  const tile = (v: number) => ({ width: 2, height: 2, data: new Uint8Array(4).fill(v) });
  const sheet = contactSheet([tile(1), tile(2), tile(3)], { columns: 2, gap: 1, background: 9 });
  assertEquals([sheet.width, sheet.height], [7, 7]);
  assertEquals(sheet.data[1 * 7 + 1], 1);
  assertEquals(sheet.data[1 * 7 + 4], 2);
  assertEquals(sheet.data[4 * 7 + 1], 3);
  assertEquals(sheet.data[4 * 7 + 4], 9); // the empty fourth cell shows the background
  throws(() => contactSheet([]), RangeError);
});

Deno.test("encodeGrayPng() round-trips through a PNG decoder", () => {
  const image = digitToGray(Array.from({ length: 784 }, (_, i) => (i % 28) / 27), 28, 3);
  const png = encodeGrayPng(image);
  assertEquals(Array.from(png.subarray(1, 4)), [80, 78, 71]); // "PNG"
  const back = decode(png);
  assertEquals([back.width, back.height, back.channels, back.depth], [84, 84, 1, 8]);
  assertEquals(Array.from(back.data), Array.from(image.data));
  throws(() => encodeGrayPng({ width: 2, height: 2, data: new Uint8Array(3) }), RangeError);
});

Deno.test("captionTile() adds a strip with the caption's ink below the tile, and refuses other characters", () => {
  const tile = { width: 224, height: 224, data: new Uint8Array(224 * 224) };
  const captioned = captionTile(tile, "4→9 t=0.47");
  assertEquals(captioned.width, 224);
  assert(captioned.height > 224);
  assert(captioned.data.subarray(224 * 224).some((v) => v === 255), "caption ink in the strip");
  assert(captioned.data.subarray(0, 224 * 224).every((v) => v === 0), "the tile is unchanged");
  throws(() => captionTile(tile, "4?9"), /cannot draw "\?"/);
});
