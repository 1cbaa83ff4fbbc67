import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { chartDigits, neitherEndWins } from "./chart_digits.ts";

/** Three steps: 1 fades into 0 while 9 and 8 rise in the middle. */
const p = new Float32Array(30);
p.set([0.02, 0.9, 0, 0, 0, 0, 0, 0, 0.04, 0.04], 0);
p.set([0.12, 0.16, 0.02, 0.03, 0.02, 0.02, 0.02, 0.02, 0.29, 0.3], 10);
p.set([0.9, 0.02, 0, 0, 0, 0, 0, 0, 0.05, 0.03], 20);

Deno.test("chartDigits() draws the ends, then every digit reaching 10%, strongest first", () => {
  assertEquals(chartDigits(p, 3, [1, 0]), [1, 0, 9, 8]);
  assertEquals(chartDigits(p, 3, [9, 9]), [9, 0, 1, 8]);
  throws(() => chartDigits(p, 4, [1, 0]), { name: "RangeError" });
});

Deno.test("neitherEndWins() names the top digit when it is neither end's", () => {
  assertEquals(neitherEndWins(p, 1, [1, 0]), { digit: 9, p: p[19] });
  assertEquals(neitherEndWins(p, 0, [1, 0]), null);
});
