import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { type Pca2, projectPca2 } from "../lib/latent/pca.ts";
import { createSite } from "../server/site.ts";
import { createHardening } from "../server/hardening.ts";
import { loadServerModel } from "../server/model.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const MODEL_DIR = `${ROOT}/static/model`;

const floats = async (name: string) => {
  const bytes = await Deno.readFile(`${MODEL_DIR}/${name}`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

Deno.test({
  name: "POST /api/path places every step on both maps, in test_umap.bin / test_pca.bin units",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const model = await loadServerModel(MODEL_DIR);
    try {
      const app = createSite({
        model,
        modelDir: MODEL_DIR,
        buildDir: `${ROOT}/static/build`,
        staticDir: `${ROOT}/static`,
        middleware: createHardening().middleware,
        log: () => {},
      });
      const res = await app.fetch(
        new Request("http://localhost/api/path", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ from: { index: 3 }, to: { digit: 0 }, steps: 9 }),
        }),
      );
      assertEquals(res.status, 200);
      const { positions, t } = await res.json();
      assertEquals([positions.umap.length, positions.pca.length], [9, 9]);
      const [umap, pca] = [await floats("test_umap.bin"), await floats("test_pca.bin")];
      // A test image's own latent sits on its own point of either map.
      const [ux, uy] = positions.umap[0];
      assert(Math.hypot(ux - umap[6], uy - umap[7]) < 1e-2, `umap start ${ux},${uy}`);
      const [px, py] = positions.pca[0];
      assert(Math.hypot(px - pca[6], py - pca[7]) < 1e-3, `pca start ${px},${py}`);
      // PCA is linear: each step is the manifest's projection of the interpolated latent.
      const { mean, components } = model.manifest.projection.pca;
      const pcaFit: Pca2 = { mean, components: [components[0], components[1]] };
      const a = model.latentOf({ kind: "image", index: 3 });
      const b = model.latentOf({ kind: "centroid", digit: 0 });
      t.forEach((u: number, s: number) => {
        const latent = a.map((v, i) => v + u * (b[i] - v));
        const want = projectPca2(latent, model.latentSize, pcaFit);
        const got = positions.pca[s];
        assert(
          Math.hypot(got[0] - want[0], got[1] - want[1]) < 1e-3,
          `step ${s}: ${got} vs ${want}`,
        );
      });
    } finally {
      model.dispose();
    }
  },
});
