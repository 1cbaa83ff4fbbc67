/**
 * The map's coordinate systems, as pure functions (the mapping used to be
 * written out in several places of the map): data coordinates (the
 * projections scaled into about [-1, 1], y up), base screen coordinates (CSS
 * pixels of the unzoomed map, y down) and screen coordinates (after the
 * d3-zoom transform: `k * base + (x, y)`).
 */

/** The map's size in CSS pixels. */
export interface Frame {
  w: number;
  h: number;
}

/** A d3-zoom transform: scale k, then translate x, y (CSS pixels). */
export interface Transform {
  k: number;
  x: number;
  y: number;
}

/** The transform that changes nothing. */
export const IDENTITY: Transform = { k: 1, x: 0, y: 0 };

/**
 * CSS pixels per data unit along x and y at zoom 1: one scale for both axes
 * (shapes and distances must not change with the window), so that data in
 * [-1, 1] fits the frame's shorter side.
 */
export function baseScale(frame: Frame): [number, number] {
  const s = Math.min(frame.w / 2 * 0.94, frame.h / 2 * 0.92);
  return [s, s];
}

/** Base screen position (unzoomed CSS pixels) of data point (x, y). */
export function toBase(frame: Frame, x: number, y: number): [number, number] {
  const [sx, sy] = baseScale(frame);
  return [frame.w / 2 + x * sx, frame.h / 2 - y * sy];
}

/** Screen position (CSS pixels) of data point (x, y) under `transform`. */
export function toScreen(
  frame: Frame,
  transform: Transform,
  x: number,
  y: number,
): [number, number] {
  const [bx, by] = toBase(frame, x, y);
  return [transform.k * bx + transform.x, transform.k * by + transform.y];
}

/** Base screen position of a screen position: the inverse of the zoom transform. */
export function screenToBase(transform: Transform, x: number, y: number): [number, number] {
  return [(x - transform.x) / transform.k, (y - transform.y) / transform.k];
}

/** Data point at screen position (x, y): the inverse of `toScreen`. */
export function fromScreen(
  frame: Frame,
  transform: Transform,
  x: number,
  y: number,
): [number, number] {
  const [bx, by] = screenToBase(transform, x, y);
  const [sx, sy] = baseScale(frame);
  return [(bx - frame.w / 2) / sx, (frame.h / 2 - by) / sy];
}

/**
 * The data-to-device-pixel mapping folded into one affine step per axis, for
 * painting many points: `px = ax * x + bx`, `py = by - ay * y`.
 */
export function deviceAffine(
  frame: Frame,
  transform: Transform,
  dpr: number,
): { ax: number; ay: number; bx: number; by: number } {
  const [sx, sy] = baseScale(frame);
  const { k, x, y } = transform;
  return {
    ax: k * sx * dpr,
    ay: k * sy * dpr,
    bx: (k * frame.w / 2 + x) * dpr,
    by: (k * frame.h / 2 + y) * dpr,
  };
}

/** The point a share `t` of the way from a to b. */
export function lerp2(a: [number, number], b: [number, number], t: number): [number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Where point p falls along segment a-b, as a share in [0, 1] (its nearest point's). */
export function shareAlong(
  a: [number, number],
  b: [number, number],
  p: [number, number],
): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy || 1;
  return Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
}

/**
 * The point of a polyline nearest to p: the segment it lies on (from
 * vertex `segment` to the next), its share of that segment, and its distance.
 */
export function nearestOnPolyline(
  line: [number, number][],
  p: [number, number],
): { segment: number; share: number; distance: number } {
  if (line.length === 0) throw new RangeError("nearestOnPolyline() needs at least one vertex");
  if (line.length === 1) {
    return { segment: 0, share: 0, distance: Math.hypot(p[0] - line[0][0], p[1] - line[0][1]) };
  }
  let best = { segment: 0, share: 0, distance: Infinity };
  for (let s = 0; s + 1 < line.length; s++) {
    const share = shareAlong(line[s], line[s + 1], p);
    const [x, y] = lerp2(line[s], line[s + 1], share);
    const distance = Math.hypot(p[0] - x, p[1] - y);
    if (distance < best.distance) best = { segment: s, share, distance };
  }
  return best;
}

/** How data units were scaled for drawing: raw = centre + scaled * half (data.ts). */
export interface Scaling {
  cx: number;
  cy: number;
  half: number;
}

/** A view in raw map units, portable across screens: the point at the centre, and the zoom. */
export interface DataView {
  /** Raw map coordinates (as in test_umap.bin / test_pca.bin) at the frame's centre. */
  x: number;
  y: number;
  /** Zoom relative to the whole map fitted in the frame. */
  k: number;
}

/** The view `transform` shows, in raw map units. */
export function viewOf(frame: Frame, transform: Transform, scaling: Scaling): DataView {
  const [nx, ny] = fromScreen(frame, transform, frame.w / 2, frame.h / 2);
  return { x: scaling.cx + nx * scaling.half, y: scaling.cy + ny * scaling.half, k: transform.k };
}

/** The transform that shows `view` in `frame`: the inverse of `viewOf`. */
export function transformOf(frame: Frame, view: DataView, scaling: Scaling): Transform {
  const [bx, by] = toBase(
    frame,
    (view.x - scaling.cx) / scaling.half,
    (view.y - scaling.cy) / scaling.half,
  );
  return { k: view.k, x: frame.w / 2 - view.k * bx, y: frame.h / 2 - view.k * by };
}

/** CSS pixels per raw map unit under `transform` (the same on both axes). */
export function pixelsPerUnit(frame: Frame, transform: Transform, scaling: Scaling): number {
  return transform.k * baseScale(frame)[0] / scaling.half;
}

/** The t of the point of a path (vertices at `ts`) nearest p: the drag follows the drawn path. */
export function tAlongPath(line: [number, number][], ts: number[], p: [number, number]): number {
  if (line.length !== ts.length) {
    throw new RangeError(`tAlongPath(): ${line.length} vertices but ${ts.length} values of t`);
  }
  const { segment, share } = nearestOnPolyline(line, p);
  return ts[segment] + (ts[Math.min(segment + 1, ts.length - 1)] - ts[segment]) * share;
}
