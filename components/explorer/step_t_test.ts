import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { stepT } from "./step_t.ts";

Deno.test("stepT() moves to the next multiple of the step, and stays within [0, 1]", () => {
  assertEquals(stepT(0.5, 0.01, 1), 0.51);
  assertEquals(stepT(0.5, 0.01, -1), 0.49);
  assertEquals(stepT(0.815, 0.01, -1), 0.81);
  assertEquals(stepT(0.815, 0.01, 1), 0.82);
  assertEquals(stepT(0.37, 0.1, 1), 0.4);
  assertEquals(stepT(0.995, 0.01, 1), 1);
  assertEquals(stepT(0, 0.01, -1), 0);
});
