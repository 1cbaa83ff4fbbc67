import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { digitCentres, normalise } from "./data.ts";

Deno.test("normalise() centres each axis and scales the wider one's 1st-99th percentiles into [-1, 1]", () => {
  const n = 1000;
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = 100 + i; // x spans 100..1099
    xy[2 * i + 1] = -5 + i / 100; // y spans -5..4.99
  }
  xy[0] = 1e6; // one outlier must not squash the rest
  const out = normalise(xy);
  const xs = Array.from({ length: n }, (_, i) => out[2 * i]).slice(1);
  const ys = Array.from({ length: n }, (_, i) => out[2 * i + 1]);
  assert(Math.min(...xs) > -1.01 && Math.min(...xs) < -0.85);
  assert(Math.max(...xs) < 1.01 && Math.max(...xs) > 0.85);
  // One scale for both axes: y spans a hundredth of x's range, so a hundredth of the width.
  const ratio = (Math.max(...ys) - Math.min(...ys)) / (Math.max(...xs) - Math.min(...xs));
  assert(Math.abs(ratio - 0.01) < 1e-3, `y/x extent ratio ${ratio}`);
  assert(out[0] > 100, "the outlier stays far outside");
});

Deno.test("digitCentres() averages each digit's points", () => {
  const xy = Float32Array.from([0, 0, 2, 2, 10, 10, -1, 5]);
  const byDigit = Array.from({ length: 10 }, () => new Uint32Array(0));
  byDigit[0] = Uint32Array.from([0, 1]);
  byDigit[7] = Uint32Array.from([2, 3]);
  const centres = digitCentres(xy, byDigit);
  assertEquals([centres[0], centres[1], centres[14], centres[15]], [1, 1, 4.5, 7.5]);
});
