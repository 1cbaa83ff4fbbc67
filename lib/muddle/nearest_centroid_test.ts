import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { nearestCentroid, rankCentroids } from "./nearest_centroid.ts";

const centroids = [[0, 0], [1, 0], [5, 5], [0, 3]];

Deno.test("nearestCentroid() skips the image's own digit", () => {
  // The latent sits on centroid 0, so without the exclusion 0 would win.
  assertEquals(nearestCentroid([0, 0], centroids, 0), 1);
  assertEquals(nearestCentroid([0, 0], centroids, 1), 0);
  assertEquals(nearestCentroid([0.2, 2.9], centroids, 3), 0);
  assertEquals(nearestCentroid([0.9, 2.9], centroids, 3), 1);
  assertEquals(nearestCentroid([4, 4], centroids, 0), 2);
});

Deno.test("nearestCentroid() rejects mismatched lengths and too few centroids", () => {
  throws(() => nearestCentroid([0, 0, 0], centroids, 0), RangeError);
  throws(() => nearestCentroid([0, 0], [[0, 0]], 0), RangeError);
});

Deno.test("rankCentroids() orders the other digits nearest first", () => {
  assertEquals(rankCentroids([0.9, 0.1], centroids, 1), [0, 3, 2]);
  assertEquals(rankCentroids([0.9, 0.1], centroids, 0), [1, 3, 2]);
});
