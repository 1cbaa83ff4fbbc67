import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { computeCentroids } from "./centroids.ts";

Deno.test("computeCentroids() averages the latents of each digit", () => {
  const latents = new Float32Array([1, 2, 3, 4, 10, 20, 0, 0]);
  const labels = new Uint8Array([0, 0, 1, 1]);
  assertEquals(computeCentroids(latents, labels, 2, 2), [[2, 3], [5, 10]]);
});

Deno.test("computeCentroids() refuses a digit without rows and mismatched sizes", () => {
  throws(() => computeCentroids(new Float32Array(4), new Uint8Array([0, 0]), 2, 2), {
    name: "RangeError",
    message: /no rows of digit 1/,
  });
  throws(() => computeCentroids(new Float32Array(5), new Uint8Array([0, 1]), 2, 2), {
    name: "RangeError",
    message: /5 latent values for 2 labels, expected 4/,
  });
});
