import {
  deepStrictEqual as assertEquals,
  notDeepStrictEqual,
  ok as assert,
} from "node:assert/strict";
import { umapProjection } from "./umap_projection.ts";

function clusters(): Float32Array {
  const data = new Float32Array(120 * 4);
  for (let i = 0; i < 120; i++) {
    const cluster = i % 3;
    for (let j = 0; j < 4; j++) data[i * 4 + j] = cluster * 10 + Math.sin(i * 7 + j * 3);
  }
  return data;
}

Deno.test("umapProjection() is reproducible for a seed and keeps clusters apart", () => {
  const settings = { seed: 3, nNeighbors: 10, nEpochs: 50, minDist: 0.1 };
  const a = umapProjection(clusters(), 4, settings);
  const b = umapProjection(clusters(), 4, settings);
  assertEquals(a, b);
  notDeepStrictEqual(a, umapProjection(clusters(), 4, { ...settings, seed: 4 }));
  // Each point's nearest neighbour on the map comes from its own cluster.
  let same = 0;
  for (let i = 0; i < 120; i++) {
    let best = -1, bestDistance = Infinity;
    for (let j = 0; j < 120; j++) {
      const d = Math.hypot(a[i * 2] - a[j * 2], a[i * 2 + 1] - a[j * 2 + 1]);
      if (j !== i && d < bestDistance) [best, bestDistance] = [j, d];
    }
    same += Number(best % 3 === i % 3);
  }
  assert(same === 120, `${same}/120 nearest neighbours in the same cluster`);
});
