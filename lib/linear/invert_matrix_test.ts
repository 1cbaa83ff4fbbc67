import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { invertMatrix } from "./invert_matrix.ts";

Deno.test("invertMatrix: A times its inverse is the identity, pivoting past a zero on the diagonal", () => {
  const a = [[0, 2, 1], [1, 1, 0], [3, 0, 4]];
  const inv = invertMatrix(a);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const product = a[i].reduce((s, v, k) => s + v * inv[k][j], 0);
      assert(Math.abs(product - (i === j ? 1 : 0)) < 1e-12, `(A A^-1)[${i}][${j}] = ${product}`);
    }
  }
  assertEquals(a[0], [0, 2, 1], "the input is left as it was");
});
