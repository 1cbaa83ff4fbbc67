/**
 * The explorer's shareable state and its URL form:
 * `?a=c3&b=i1234&t=0.42&proj=umap&set=test&z=2.5,-120,40`.
 * Parsing is forgiving: a bad or missing value falls back to its default,
 * so any link still opens a working view.
 */

import type { EndpointRef } from "../../lib/muddle/mod.ts";

/** One end of the path: a digit's centroid, or a point (test image, or train image after them). */
export type EndRef = EndpointRef;

/** A d3-zoom transform: scale k, then translate x, y (CSS pixels). */
export interface ZoomState {
  k: number;
  x: number;
  y: number;
}

/** What the URL records. */
export interface ViewState {
  a: EndRef | null;
  b: EndRef | null;
  /** Handle position along the path, 0 at a, 1 at b. */
  t: number;
  projection: "pca" | "umap";
  /** "test": the 10,000 test images; "all": also the 60,000 training images. */
  set: "test" | "all";
  zoom: ZoomState | null;
}

/** The view a bare URL opens: no endpoints yet, the UMAP map, test images. */
export const DEFAULT_VIEW: ViewState = {
  a: null,
  b: null,
  t: 0.5,
  projection: "umap",
  set: "test",
  zoom: null,
};

/** Parses `c3` or `i1234` (index below `pointCount`); null when malformed. */
export function parseEnd(text: string | null, pointCount: number): EndRef | null {
  if (!text) return null;
  const m = /^([ci])(\d{1,6})$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  if (m[1] === "c") return n <= 9 ? { kind: "centroid", digit: n } : null;
  return n < pointCount ? { kind: "image", index: n } : null;
}

/** The URL form of an endpoint. */
export function formatEnd(end: EndRef): string {
  return end.kind === "centroid" ? `c${end.digit}` : `i${end.index}`;
}

/** Reads a view from query parameters; `pointCount` bounds image indices. */
export function parseView(params: URLSearchParams, pointCount: number): ViewState {
  const t = Number(params.get("t"));
  const zoomParts = (params.get("z") ?? "").split(",").map(Number);
  const zoomOk = zoomParts.length === 3 && zoomParts.every(Number.isFinite) &&
    zoomParts[0] >= 0.25 && zoomParts[0] <= 200;
  return {
    a: parseEnd(params.get("a"), pointCount),
    b: parseEnd(params.get("b"), pointCount),
    t: params.has("t") && Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : DEFAULT_VIEW.t,
    projection: params.get("proj") === "pca" ? "pca" : "umap",
    set: params.get("set") === "all" ? "all" : "test",
    zoom: zoomOk ? { k: zoomParts[0], x: zoomParts[1], y: zoomParts[2] } : null,
  };
}

/** The query string (without "?") for a view; defaults are left out to keep links short. */
export function formatView(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.a) p.set("a", formatEnd(view.a));
  if (view.b) p.set("b", formatEnd(view.b));
  if (view.a && view.b) p.set("t", view.t.toFixed(3));
  if (view.projection !== DEFAULT_VIEW.projection) p.set("proj", view.projection);
  if (view.set !== DEFAULT_VIEW.set) p.set("set", view.set);
  if (view.zoom) {
    const { k, x, y } = view.zoom;
    p.set("z", `${+k.toFixed(3)},${Math.round(x)},${Math.round(y)}`);
  }
  return p.toString();
}
