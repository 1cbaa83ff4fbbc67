import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { latentStd } from "./latent_std.ts";

Deno.test("latentStd() gives each dimension's population standard deviation", () => {
  // Dimension 0 takes 1, 3 (sd 1); dimension 1 is constant (sd 0).
  assertEquals(latentStd(Float32Array.from([1, 5, 3, 5]), 2), [1, 0]);
});
