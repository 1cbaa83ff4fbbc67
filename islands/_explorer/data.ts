/**
 * Fetches the map's arrays from the model folder (docs/contracts.md) through
 * the checked loader the server uses (sizes, sha256, dtypes and shapes against
 * the manifest) and prepares them for drawing: both projections scaled into
 * [-1, 1] with the aspect kept, and each digit's point indices.
 */
import { loadArtifactFiles } from "../../lib/artifacts/load_artifact_files.ts";
import type { MapPoints } from "../../components/explorer/explore_types.ts";
import type { Scaling } from "../../components/map/geometry.ts";

/**
 * The points on the map: test images first, then (set "all") training images;
 * `pca` and `umap` are scaled into [-1, 1].
 */
export interface PointSet extends MapPoints {
  /** Point indices of each digit. */
  byDigit: Uint32Array[];
}

/** Bytes of one model file; throws naming the file when the fetch fails. */
export async function fetchBytes(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function concat<T extends Float32Array | Uint8Array>(a: T, b: T): T {
  const out = new (a.constructor as { new (n: number): T })(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Loads the test set (and, for "all", the training set after it). */
export async function loadPoints(
  base: string,
  set: "test" | "all",
  signal?: AbortSignal,
): Promise<PointSet> {
  const files = await loadArtifactFiles((path) => fetchBytes(`${base}${path}`, signal), {
    models: [],
    centroids: false,
    test: true,
    testImages: false,
    train: set === "all",
  });
  const test = files.test!;
  const all = files.train ?? null;
  const labels = all ? concat(test.labels, all.labels) : test.labels;
  const rawPca = all ? concat(test.pca, all.pca) : test.pca;
  const rawUmap = all ? concat(test.umap, all.umap) : test.umap;
  // The test points set the scale, so it stays put when the training points join.
  const scaling = { pca: scalingOf(test.pca), umap: scalingOf(test.umap) };
  const byDigit = Array.from({ length: 10 }, () => [] as number[]);
  labels.forEach((d, i) => byDigit[d]?.push(i));
  return {
    count: labels.length,
    testCount: test.labels.length,
    labels,
    latents: all ? concat(test.latents, all.latents) : test.latents,
    pca: normalise(rawPca, scaling.pca),
    umap: normalise(rawUmap, scaling.umap),
    scaling,
    byDigit: byDigit.map((a) => Uint32Array.from(a)),
  };
}

/**
 * The scaling that puts 2D points [n * 2] into [-1, 1] around their centre,
 * one scale for both axes so shapes and distances keep their proportions;
 * the 1st-99th percentiles bound it so a few outliers do not squash the rest.
 */
export function scalingOf(xy: Float32Array): Scaling {
  const n = xy.length / 2;
  const [centres, halves] = [[0, 0], [0, 0]];
  for (const axis of [0, 1]) {
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = xy[2 * i + axis];
    values.sort();
    const lo = values[Math.floor(0.01 * (n - 1))];
    const hi = values[Math.floor(0.99 * (n - 1))];
    centres[axis] = (lo + hi) / 2;
    halves[axis] = (hi - lo) / 2 * 1.08;
  }
  return { cx: centres[0], cy: centres[1], half: Math.max(halves[0], halves[1]) || 1 };
}

/** Scales 2D points [n * 2] by `scaling` (by default, their own). */
export function normalise(xy: Float32Array, scaling: Scaling = scalingOf(xy)): Float32Array {
  const out = new Float32Array(xy.length);
  const { cx, cy, half } = scaling;
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = (xy[i] - cx) / half;
    out[i + 1] = (xy[i + 1] - cy) / half;
  }
  return out;
}

/** Mean position of each digit's points, [10 * 2]. */
export function digitCentres(xy: Float32Array, byDigit: Uint32Array[]): Float32Array {
  const out = new Float32Array(20);
  byDigit.forEach((indices, d) => {
    let sx = 0;
    let sy = 0;
    for (const i of indices) {
      sx += xy[2 * i];
      sy += xy[2 * i + 1];
    }
    out[2 * d] = sx / Math.max(1, indices.length);
    out[2 * d + 1] = sy / Math.max(1, indices.length);
  });
  return out;
}

/** The raw test images [count * 784] (for tooltips and "Muddle me"), checked like the rest. */
export async function loadTestImages(base: string): Promise<Uint8Array> {
  const files = await loadArtifactFiles((path) => fetchBytes(`${base}${path}`), {
    models: [],
    centroids: false,
    test: false,
    testImages: true,
  });
  return files.testImages!;
}
