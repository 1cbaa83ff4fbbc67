import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import {
  baseScale,
  deviceAffine,
  fromScreen,
  IDENTITY,
  lerp2,
  nearestOnPolyline,
  pixelsPerUnit,
  screenToBase,
  shareAlong,
  tAlongPath,
  toBase,
  toScreen,
  transformOf,
  viewOf,
} from "./geometry.ts";

const frame = { w: 800, h: 600 };
const close = (a: number[], b: number[], eps = 1e-9) =>
  a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < eps);

Deno.test("toBase() puts the data origin at the frame's centre, with y up", () => {
  assertEquals(toBase(frame, 0, 0), [400, 300]);
  const [x, y] = toBase(frame, 1, 1);
  assert(x > 400 && x < 800, `x = ${x}`);
  assert(y < 300 && y > 0, `y = ${y}`);
});

Deno.test("baseScale() uses one scale for both axes, fitted to the shorter side", () => {
  const [sx, sy] = baseScale(frame);
  assertEquals(sx, sy);
  assertEquals(sx, 300 * 0.92);
  assertEquals(baseScale({ w: 400, h: 900 }), [200 * 0.94, 200 * 0.94]);
});

Deno.test("toScreen() applies the zoom after the base mapping, as d3-zoom's transform does", () => {
  const t = { k: 2, x: -100, y: 30 };
  const [bx, by] = toBase(frame, 0.3, -0.4);
  assertEquals(toScreen(frame, t, 0.3, -0.4), [2 * bx - 100, 2 * by + 30]);
  assertEquals(toScreen(frame, IDENTITY, 0.3, -0.4), [bx, by]);
});

Deno.test("fromScreen() inverts toScreen(), and screenToBase() inverts the zoom alone", () => {
  const t = { k: 3.5, x: 120, y: -75 };
  for (const [x, y] of [[0, 0], [0.7, -0.2], [-1.3, 2]]) {
    const [sx, sy] = toScreen(frame, t, x, y);
    assert(close(fromScreen(frame, t, sx, sy), [x, y]), `(${x}, ${y})`);
    assert(close(screenToBase(t, sx, sy), toBase(frame, x, y)));
  }
});

Deno.test("deviceAffine() maps data to device pixels like toScreen() times the pixel ratio", () => {
  const t = { k: 1.7, x: 40, y: -12 };
  const { ax, ay, bx, by } = deviceAffine(frame, t, 2);
  for (const [x, y] of [[0.5, 0.5], [-0.9, 0.1]]) {
    const [sx, sy] = toScreen(frame, t, x, y);
    assert(close([ax * x + bx, by - ay * y], [2 * sx, 2 * sy], 1e-6));
  }
});

Deno.test("shareAlong() projects onto a segment and clamps to its ends", () => {
  assertEquals(shareAlong([0, 0], [10, 0], [4, 7]), 0.4);
  assertEquals(shareAlong([0, 0], [10, 0], [-5, 1]), 0);
  assertEquals(shareAlong([0, 0], [10, 0], [15, -1]), 1);
  // A segment of no length answers the start.
  assertEquals(shareAlong([3, 3], [3, 3], [9, 9]), 0);
  assertEquals(lerp2([0, 10], [10, 0], 0.25), [2.5, 7.5]);
});

Deno.test("nearestOnPolyline() finds the segment and share nearest a point", () => {
  const line: [number, number][] = [[0, 0], [10, 0], [10, 10]];
  assertEquals(nearestOnPolyline(line, [4, 1]), { segment: 0, share: 0.4, distance: 1 });
  assertEquals(nearestOnPolyline(line, [12, 7]), { segment: 1, share: 0.7, distance: 2 });
  assertEquals(nearestOnPolyline([[1, 1]], [4, 5]), { segment: 0, share: 0, distance: 5 });
});

Deno.test("viewOf() and transformOf() carry a view across screens in raw map units", () => {
  const scaling = { cx: 5, cy: -2, half: 8 };
  const t = { k: 2.5, x: -300, y: 120 };
  const view = viewOf(frame, t, scaling);
  assert(close(Object.values(transformOf(frame, view, scaling)), [t.k, t.x, t.y], 1e-6));
  // The same view on a phone keeps the raw point at the centre and the zoom.
  const phone = { w: 390, h: 520 };
  const there = transformOf(phone, view, scaling);
  const [nx, ny] = fromScreen(phone, there, 195, 260);
  assert(close([5 + nx * 8, -2 + ny * 8], [view.x, view.y], 1e-6));
  assertEquals(viewOf(frame, IDENTITY, scaling), { x: 5, y: -2, k: 1 });
  // A raw unit spans k * base scale / half pixels.
  const [ax] = toScreen(frame, t, 0, 0);
  const [bx] = toScreen(frame, t, 1 / 8, 0);
  assert(Math.abs(bx - ax - pixelsPerUnit(frame, t, scaling)) < 1e-9);
});

Deno.test("tAlongPath() reads t off the nearest segment of a bent path", () => {
  const line: [number, number][] = [[0, 0], [10, 0], [10, 10]];
  assertEquals(tAlongPath(line, [0, 0.5, 1], [5, 2]), 0.25);
  assertEquals(tAlongPath(line, [0, 0.5, 1], [13, 4]), 0.7);
  assertEquals(tAlongPath(line, [0, 0.5, 1], [-4, 0]), 0);
});
