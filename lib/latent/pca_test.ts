import { ok as assert, strictEqual } from "node:assert/strict";
import { fitPca2, projectPca2 } from "./pca.ts";

Deno.test("fitPca2() finds the axes of largest variance, largest first, with a fixed sign", () => {
  // 3-d points spread mostly along (1,1,0)/sqrt2, less along z, hardly along (1,-1,0).
  const rows: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = Math.sin(i * 1.7) * 5, b = Math.cos(i * 2.3) * 2, c = Math.sin(i * 0.9) * 0.1;
    rows.push(3 + a / Math.SQRT2 + c / Math.SQRT2, -1 + a / Math.SQRT2 - c / Math.SQRT2, b);
  }
  const data = new Float32Array(rows);
  const pca = fitPca2(data, 3);
  const [first, second] = pca.components;
  assert(Math.abs(first[0] - Math.SQRT1_2) < 0.02 && Math.abs(first[1] - Math.SQRT1_2) < 0.02);
  assert(Math.abs(Math.abs(second[2]) - 1) < 0.02, `second axis is z, got ${second}`);
  assert(Math.abs(pca.mean[0] - 3) < 0.2 && Math.abs(pca.mean[1] + 1) < 0.2);
  const projected = projectPca2(data, 3, pca);
  strictEqual(projected.length, 400);
  let mean = 0;
  for (let i = 0; i < 200; i++) mean += projected[i * 2] / 200;
  assert(Math.abs(mean) < 1e-4, "projections are centred");
});
