import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { digitCentres, normalise } from "./data.ts";

Deno.test("normalise() centres each axis and scales its 1st-99th percentiles into [-1, 1]", () => {
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
  for (const values of [xs, ys]) {
    assert(Math.min(...values) > -1.01 && Math.min(...values) < -0.85);
    assert(Math.max(...values) < 1.01 && Math.max(...values) > 0.85);
  }
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
