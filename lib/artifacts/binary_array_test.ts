import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { decodeArray, encodeArray } from "./binary_array.ts";

Deno.test("encodeArray()/decodeArray() round-trip float32 little-endian and uint8", () => {
  const floats = new Float32Array([0, -1.5, 3.25e-8, 1e30]);
  const bytes = encodeArray(floats);
  assertEquals(bytes.byteLength, 16);
  assertEquals(new DataView(bytes.buffer).getFloat32(4, true), -1.5);
  assertEquals(decodeArray(bytes, "float32", [2, 2], "x.bin"), floats);
  const labels = new Uint8Array([7, 0, 255]);
  assertEquals(decodeArray(encodeArray(labels), "uint8", [3], "y.bin"), labels);
});

Deno.test("decodeArray() names the file when its size does not match the shape", () => {
  throws(() => decodeArray(new Uint8Array(39), "float32", [10], "test_pca.bin"), {
    name: "RangeError",
    message: "test_pca.bin: 39 bytes, expected 40 for float32 [10]",
  });
});
