import { ok as assert, strictEqual } from "node:assert/strict";
import { createMapPlacer } from "./map_placer.ts";
import { pathPositions } from "./path_positions.ts";

// Two clusters in 3-d latent space; the "UMAP" puts them at (0, 0) and (10, 0), the PCA is x * 2.
const latents = new Float32Array(40 * 3);
const umap = new Float32Array(40 * 2);
const pca = new Float32Array(40 * 2);
for (let i = 0; i < 40; i++) {
  const far = i >= 20;
  const jitter = ((i * 37) % 11) / 110;
  latents.set([far ? 5 + jitter : jitter, jitter * 2, -jitter], i * 3);
  umap.set([far ? 10 : 0, jitter], i * 2);
  pca.set([latents[i * 3] * 2, latents[i * 3 + 1] * 2], i * 2);
}
const placer = createMapPlacer({ latents, pca, umap, dim: 3 });

Deno.test("pathPositions() follows the PCA line exactly and jumps between UMAP clusters", () => {
  const ts = [0, 0.25, 0.5, 0.75, 1];
  const { pca: p, umap: u } = pathPositions(placer, [0, 0, 0], [5, 0, 0], ts);
  strictEqual(p.length, 10);
  ts.forEach((t, s) =>
    assert(Math.abs(p[2 * s] - 10 * t) < 1e-3, `pca x at t = ${t}: ${p[2 * s]}`)
  );
  // Near either end, the latent sits among that cluster's points on the UMAP, not on the chord.
  assert(u[0] < 0.5 && u[8] > 9.5, `umap ends ${u[0]}, ${u[8]}`);
  assert(u[2] < 1, `a quarter of the way is still in the first cluster: ${u[2]}`);
  assert(u[6] > 9, `three quarters of the way is in the second: ${u[6]}`);
});
