/**
 * The map's pointer: dragging the handle along the path, hovering points,
 * and clicks that pick a centroid or a point (a drag or a press on the
 * handle picks nothing). Listeners are added once and removed on cleanup.
 */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { EndRef } from "../explorer/url_state.ts";

/** What the pointer asks of the map, in CSS pixels relative to the canvas. */
export interface MapHits {
  nearHandle(x: number, y: number): boolean;
  /** t of the path's point nearest (x, y), or null without a path. */
  tAt(x: number, y: number): number | null;
  /** The point under (x, y), or null. */
  pointAt(x: number, y: number): number | null;
  /** The centroid under (x, y), or null. */
  centroidAt(x: number, y: number): number | null;
  /** The map's size now. */
  size(): { w: number; h: number };
}

/** What the pointer does. */
export interface MapPointerActions {
  onT(t: number): void;
  onPick(end: EndRef): void;
  onHover(
    hover: { index: number; x: number; y: number; width: number; height: number } | null,
  ): void;
}

/** Attaches the pointer handling to `canvasRef`'s canvas; both arguments are read live. */
export function useMapPointer(
  canvasRef: RefObject<HTMLCanvasElement>,
  hits: MapHits,
  actions: MapPointerActions,
): void {
  const live = useRef({ hits, actions });
  live.current = { hits, actions };
  useEffect(() => {
    const canvas = canvasRef.current!;
    const local = (e: MouseEvent): [number, number] => {
      const rect = canvas.getBoundingClientRect();
      return [e.clientX - rect.left, e.clientY - rect.top];
    };
    let dragging = false;
    let moved = false;
    const onDown = (e: PointerEvent) => {
      moved = false;
      if (!live.current.hits.nearHandle(...local(e))) return;
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      canvas.classList.add("dragging");
      e.preventDefault();
    };
    const onMove = (e: PointerEvent) => {
      const [x, y] = local(e);
      const { hits, actions } = live.current;
      if (dragging) {
        moved = true;
        const t = hits.tAt(x, y);
        if (t !== null) actions.onT(t);
        return;
      }
      canvas.style.cursor = hits.nearHandle(x, y) ? "grab" : "";
      const index = hits.pointAt(x, y);
      const { w, h } = hits.size();
      actions.onHover(index === null ? null : { index, x, y, width: w, height: h });
    };
    const onUp = (e: PointerEvent) => {
      if (!dragging) return;
      dragging = false;
      canvas.releasePointerCapture(e.pointerId);
      canvas.classList.remove("dragging");
    };
    const onClick = (e: MouseEvent) => {
      if (moved) return;
      const [x, y] = local(e);
      const { hits, actions } = live.current;
      if (hits.nearHandle(x, y)) return;
      const digit = hits.centroidAt(x, y);
      if (digit !== null) return actions.onPick({ kind: "centroid", digit });
      const index = hits.pointAt(x, y);
      if (index !== null) actions.onPick({ kind: "image", index });
    };
    const onLeave = () => live.current.actions.onHover(null);
    const listeners = [
      ["pointerdown", onDown],
      ["pointermove", onMove],
      ["pointerup", onUp],
      ["pointercancel", onUp],
      ["pointerleave", onLeave],
      ["click", onClick],
    ] as const;
    for (const [type, f] of listeners) canvas.addEventListener(type, f as EventListener);
    return () => {
      for (const [type, f] of listeners) canvas.removeEventListener(type, f as EventListener);
    };
  }, []);
}
