import { deepStrictEqual as assertEquals, ok, throws } from "node:assert/strict";
import { estimateLatent } from "./estimate_latent.ts";
import { createNearestIndex } from "./nearest_index.ts";

const positions = Float32Array.from([0, 0, 10, 0, 0, 10, 10, 10]);
const latents = Float32Array.from([1, 0, 0, 1, 2, 2, 4, 4]);
const index = createNearestIndex(positions, 2);

Deno.test("estimateLatent() at a point's own position is that point's latent", () => {
  assertEquals(Array.from(estimateLatent([10, 0], index, latents)), [0, 1]);
});

Deno.test("estimateLatent() blends the nearest points, nearer ones weighing more", () => {
  const mid = estimateLatent([5, 5], index, latents);
  ok(Math.abs(mid[0] - 7 / 4) < 1e-6 && Math.abs(mid[1] - 7 / 4) < 1e-6, `${mid}`);
  const near = estimateLatent([1, 0], index, latents, 2); // between (0,0) and (10,0), near the first
  ok(near[0] > 0.95 && near[1] < 0.05, `${near}`);
});

Deno.test("estimateLatent() rejects a non-finite position and a latent table of the wrong size", () => {
  throws(() => estimateLatent([NaN, 0], index, latents), /finite/);
  throws(() => estimateLatent([0, 0], index, new Float32Array(7)), /whole row/);
  throws(() => estimateLatent([0, 0], createNearestIndex(latents, 1), latents), /2-D/);
});
