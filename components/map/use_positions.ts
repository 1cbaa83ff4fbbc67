/**
 * The map's point and centroid positions for the chosen projection. When
 * only the projection changes, every point glides to its new place (or
 * jumps, for people who ask for less motion).
 */
import { easeCubicInOut, timer } from "d3";
import { useEffect, useRef } from "preact/hooks";
import { digitCentres, type PointSet } from "../../islands/_explorer/data.ts";

/** Positions drawn now, in data units; mid-transition they lie between projections. */
export interface Positions {
  pos: Float32Array | null;
  centres: Float32Array | null;
  /** How far the drawing is from PCA (0) to UMAP (1), for marks placed on both maps. */
  umapWeight: number;
}

/**
 * Keeps `target` (a stable object) on the positions of `points` under
 * `projection`; the centroid marks go to `centroids` (placed latents) when
 * given, else to each digit's mean position. Calls `onFrame(settled)` after
 * each change, with `settled` false while a transition runs.
 */
export function usePositions(
  points: PointSet | null,
  projection: "pca" | "umap",
  centroids: { pca: Float32Array; umap: Float32Array } | null,
  target: Positions,
  onFrame: (settled: boolean) => void,
): void {
  const shown = useRef<{ points: PointSet | null; projection: string }>({
    points: null,
    projection: "",
  });
  const live = useRef(onFrame);
  live.current = onFrame;
  useEffect(() => {
    if (!points) return;
    const goal = projection === "pca" ? points.pca : points.umap;
    const goalCentres = centroids ? centroids[projection] : digitCentres(goal, points.byDigit);
    const goalWeight = projection === "umap" ? 1 : 0;
    const animate = shown.current.points === points && shown.current.projection !== projection &&
      target.pos !== null;
    shown.current = { points, projection };
    const finish = () => {
      target.pos = goal;
      target.centres = goalCentres;
      target.umapWeight = goalWeight;
      live.current(true);
    };
    if (!animate) return finish();
    const from = target.pos!.slice();
    const fromCentres = target.centres!.slice();
    const fromWeight = target.umapWeight;
    const pos = new Float32Array(goal.length);
    const centres = new Float32Array(20);
    const DURATION = matchMedia("(prefers-reduced-motion: reduce)").matches ? 1 : 750;
    const anim = timer((elapsed: number) => {
      const u = easeCubicInOut(Math.min(1, elapsed / DURATION));
      for (let i = 0; i < pos.length; i++) pos[i] = from[i] + (goal[i] - from[i]) * u;
      for (let i = 0; i < 20; i++) {
        centres[i] = fromCentres[i] + (goalCentres[i] - fromCentres[i]) * u;
      }
      target.pos = pos;
      target.centres = centres;
      target.umapWeight = fromWeight + (goalWeight - fromWeight) * u;
      live.current(false);
      if (u >= 1) {
        anim.stop();
        finish();
      }
    });
    return () => anim.stop();
  }, [points, projection, centroids]);
}
