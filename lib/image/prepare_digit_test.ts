import { ok, throws } from "node:assert/strict";
import { prepareDigit } from "./prepare_digit.ts";

/** A w x h white image with a black filled rectangle (x, y, rw, rh). */
function rectangle(w: number, h: number, x: number, y: number, rw: number, rh: number) {
  const data = new Float32Array(w * h).fill(1);
  for (let r = y; r < y + rh; r++) for (let c = x; c < x + rw; c++) data[r * w + c] = 0;
  return { width: w, height: h, data };
}

function bounds(image: Float32Array) {
  let [x0, y0, x1, y1] = [28, 28, -1, -1];
  let [m, mx, my] = [0, 0, 0];
  for (let p = 0; p < 784; p++) {
    const [x, y, v] = [p % 28, Math.floor(p / 28), image[p]];
    if (v > 0.5) {
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
    m += v;
    mx += v * x;
    my += v * y;
  }
  return { width: x1 - x0 + 1, height: y1 - y0 + 1, cx: mx / m, cy: my / m };
}

Deno.test("prepareDigit() fits a tall stroke to 20 rows, keeps its aspect and centres its mass", () => {
  const out = prepareDigit(rectangle(300, 200, 30, 10, 40, 160));
  const b = bounds(out);
  ok(b.height === 20, `height ${b.height}`);
  ok(b.width === 5, `width ${b.width}, expected 40 / 160 * 20 = 5`);
  ok(Math.abs(b.cx - 14) <= 0.5 && Math.abs(b.cy - 14) <= 0.5, `centre ${b.cx}, ${b.cy}`);
  ok(out.every((v) => v >= 0 && v <= 1));
});

Deno.test("prepareDigit() reads light ink on dark paper the same as dark on light", () => {
  const dark = rectangle(90, 90, 20, 30, 50, 20);
  const light = { ...dark, data: dark.data.map((v) => 1 - v) };
  const a = prepareDigit(dark), b = prepareDigit(light);
  ok(a.every((v, i) => Math.abs(v - b[i]) < 1e-6));
  ok(Math.max(...a) > 0.99, "the stroke becomes full ink");
});

Deno.test("prepareDigit() stretches faint grey ink on grey paper to full strength", () => {
  const faint = rectangle(60, 60, 10, 10, 10, 40);
  faint.data = faint.data.map((v) => 0.6 + 0.2 * v); // paper 0.8, ink 0.6
  const out = prepareDigit(faint);
  ok(Math.max(...out) > 0.99);
  ok(bounds(out).height === 20);
});

Deno.test("prepareDigit() enlarges a small drawing to fill the 20x20 box", () => {
  const out = prepareDigit(rectangle(8, 8, 2, 1, 4, 5));
  ok(bounds(out).height >= 19, `height ${bounds(out).height}`);
});

Deno.test("prepareDigit() rejects a blank image and a wrongly sized one", () => {
  throws(
    () => prepareDigit({ width: 4, height: 4, data: new Float32Array(16).fill(0.9) }),
    /blank/,
  );
  throws(() => prepareDigit({ width: 4, height: 4, data: new Float32Array(15) }), RangeError);
});
