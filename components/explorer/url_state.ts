/**
 * The explorer's shareable state and its URL form:
 * `?a=c3&b=i1234&t=0.42&proj=umap&set=test&c=2.5,-1.25,3&muddle=4&seed=77`.
 * Parsing is forgiving: a bad or missing value falls back to its default, so
 * any link still opens a working view, and `parseLink()` says what it changed.
 * Older links stored the zoom as d3-zoom's screen transform (`z=k,x,y`); they still open.
 */

import { type EndpointRef, MAX_SEED } from "../../lib/muddle/mod.ts";

/**
 * One end of the path: a digit's centroid, a point (test image, or train image after them), or
 * any latent (a drawn digit's; `l0.12,-1.5,...` in the URL).
 */
export type EndRef = EndpointRef | { kind: "latent"; latent: number[] };

/** A d3-zoom transform in CSS pixels: scale k, then translate x, y (old links' `z`). */
export interface ZoomState {
  k: number;
  x: number;
  y: number;
}

/** The view in raw map units: the point at the map's centre and the zoom (1 = whole map). */
export interface CentreState {
  x: number;
  y: number;
  k: number;
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
  /** Where the map looks, in raw map units, or null for the whole map. */
  centre: CentreState | null;
  /** An old link's screen-pixel zoom, applied once at start; never written. */
  zoom: ZoomState | null;
  /** "Muddle me": the digit and seed of the last run, or null. */
  muddle: { digit: number; seed: number } | null;
}

/** The view a bare URL opens: no endpoints yet, the UMAP map, test images. */
export const DEFAULT_VIEW: ViewState = {
  a: null,
  b: null,
  t: 0.5,
  projection: "umap",
  set: "test",
  centre: null,
  zoom: null,
  muddle: null,
};

/** The zoom range d3-zoom allows on the map. */
export const SCALE_EXTENT: [number, number] = [0.5, 60];

/** Parses `c3` or `i1234` (index below `pointCount`); null when malformed. */
export function parseEnd(text: string | null, pointCount: number): EndRef | null {
  if (!text) return null;
  if (/^l[-\d.,]{1,800}$/.test(text)) {
    const parts = text.slice(1).split(",");
    const latent = parts.map(Number);
    const ok = parts.length >= 2 && parts.length <= 64 &&
      parts.every((part) => /^-?\d+(\.\d+)?$/.test(part)) &&
      latent.every((v) => Math.abs(v) <= 1000);
    return ok ? { kind: "latent", latent } : null;
  }
  const m = /^([ci])(\d{1,6})$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  if (m[1] === "c") return n <= 9 ? { kind: "centroid", digit: n } : null;
  return n < pointCount ? { kind: "image", index: n } : null;
}

/** The URL form of an endpoint. */
export function formatEnd(end: EndRef): string {
  if (end.kind === "latent") return `l${end.latent.map((v) => +v.toFixed(3)).join(",")}`;
  return end.kind === "centroid" ? `c${end.digit}` : `i${end.index}`;
}

/** How many points a link may name. */
export interface PointCounts {
  testCount: number;
  trainCount: number;
}

const numbers = (text: string | null, count: number): number[] | null => {
  const parts = (text ?? "").split(",").map((s) => s.trim() === "" ? NaN : Number(s));
  return parts.length === count && parts.every(Number.isFinite) ? parts : null;
};

/**
 * Reads a view from a link and says, in short sentences, what it had to
 * change: values it could not read, values out of range, an end that needs
 * the training points, a path from a point to itself.
 */
export function parseLink(
  params: URLSearchParams,
  counts: PointCounts,
): { view: ViewState; notes: string[] } {
  const notes: string[] = [];
  const total = counts.testCount + counts.trainCount;
  const view: ViewState = { ...DEFAULT_VIEW };
  const proj = params.get("proj");
  if (proj === "pca" || proj === "umap") view.projection = proj;
  else if (proj !== null) notes.push(`Unknown projection "${proj}": showing UMAP.`);
  const set = params.get("set");
  if (set === "all" && counts.trainCount > 0) view.set = "all";
  else if (set === "all") notes.push("This model ships no training points: showing the test set.");
  else if (set !== null && set !== "test") {
    notes.push(`Unknown point set "${set}": showing 10k test.`);
  }
  for (const key of ["a", "b"] as const) {
    const text = params.get(key);
    if (text === null) continue;
    const end = parseEnd(text, total);
    if (!end) {
      notes.push(
        `Ignored ${key}=${text}: expected c0 to c9 (a centroid) or i0 to i${total - 1} (an image).`,
      );
      continue;
    }
    if (end.kind === "image" && end.index >= counts.testCount && view.set !== "all") {
      view.set = "all";
      notes.push(`Image #${end.index} is a training image, so the map shows all ${total} points.`);
    }
    view[key] = end;
  }
  if (view.a && view.b && formatEnd(view.a) === formatEnd(view.b)) {
    notes.push(`A and B were the same point (${formatEnd(view.a)}): pick another end for B.`);
    view.b = null;
  }
  const tText = params.get("t");
  if (tText !== null) {
    const t = Number(tText);
    if (tText.trim() === "" || !Number.isFinite(t)) {
      notes.push(`Ignored t=${tText}: expected 0 to 1.`);
    } else if (t < 0 || t > 1) {
      view.t = Math.min(1, Math.max(0, t));
      notes.push(`t=${tText} is outside 0 to 1: using ${view.t}.`);
    } else view.t = t;
  }
  const [lo, hi] = SCALE_EXTENT;
  const clampK = (k: number, key: string) => {
    const clamped = Math.min(hi, Math.max(lo, k));
    if (clamped !== k) {
      notes.push(`The zoom in ${key} was ${k}: using ${clamped} (${lo} to ${hi}).`);
    }
    return clamped;
  };
  const c = numbers(params.get("c"), 3);
  if (c && c[2] > 0) view.centre = { x: c[0], y: c[1], k: clampK(c[2], "c") };
  else if (params.has("c")) notes.push(`Ignored c=${params.get("c")}: expected x,y,zoom.`);
  const z = numbers(params.get("z"), 3);
  if (!view.centre && z && z[0] > 0) view.zoom = { k: clampK(z[0], "z"), x: z[1], y: z[2] };
  else if (!view.centre && params.has("z")) notes.push(`Ignored z=${params.get("z")}.`);
  const seedText = params.get("seed");
  if (seedText !== null) {
    const seed = Number(seedText);
    const digit = Number(params.get("muddle") ?? 4);
    if (!/^\d+$/.test(seedText) || seed > MAX_SEED) {
      notes.push(`Ignored seed=${seedText}: expected a whole number from 0 to ${MAX_SEED}.`);
    } else if (!Number.isInteger(digit) || digit < 0 || digit > 9) {
      notes.push(`Ignored muddle=${params.get("muddle")}: expected a digit 0 to 9.`);
    } else view.muddle = { digit, seed };
  }
  return { view, notes };
}

/** The query string (without "?") for a view; defaults are left out to keep links short. */
export function formatView(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.a) p.set("a", formatEnd(view.a));
  if (view.b) p.set("b", formatEnd(view.b));
  if (view.a && view.b) p.set("t", view.t.toFixed(3));
  if (view.projection !== DEFAULT_VIEW.projection) p.set("proj", view.projection);
  if (view.set !== DEFAULT_VIEW.set) p.set("set", view.set);
  if (view.centre) {
    const { x, y, k } = view.centre;
    p.set("c", `${+x.toFixed(3)},${+y.toFixed(3)},${+k.toFixed(3)}`);
  } else if (view.zoom) {
    const { k, x, y } = view.zoom;
    p.set("z", `${+k.toFixed(3)},${Math.round(x)},${Math.round(y)}`);
  }
  if (view.muddle) {
    p.set("muddle", String(view.muddle.digit));
    p.set("seed", String(view.muddle.seed));
  }
  return p.toString();
}
