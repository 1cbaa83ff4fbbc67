/**
 * d3-zoom on the map's canvas, created once and kept in refs (removed on
 * cleanup): wheel, drag and pinch, plus zoom and pan steps for buttons and keys.
 */
import { select, zoom, zoomIdentity, type ZoomTransform } from "d3";
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { SCALE_EXTENT } from "../explorer/url_state.ts";
import { IDENTITY, type Transform } from "./geometry.ts";

/** What the map asks of its zoom. */
export interface MapZoomOptions {
  /** The transform to start from, or null for the identity. */
  initial: Transform | null;
  /** Whether d3-zoom should ignore this event (e.g. a press on the handle). */
  ignore(event: MouseEvent): boolean;
  /** Every change, while it happens. */
  onChange(transform: Transform): void;
  /** The end of a gesture or transition that moved the view (a plain click does not). */
  onEnd(transform: Transform): void;
}

/** The zoom's state and steps, stable across renders. */
export interface MapZoom {
  /** The transform now. */
  transform: Transform;
  /** Zoom by a factor around the centre, animated; 0 resets. */
  zoomBy(factor: number): void;
  /**
   * Pan by dx, dy shares of the map's width and height (positive: show more
   * of the right / bottom), animated, whatever the scale.
   */
  panBy(dx: number, dy: number, width: number, height: number): void;
  /** Jump to a transform (clamped like any other), without a transition. */
  set(transform: Transform): void;
  /** Keep the map within reach: how far beyond a frame of this size panning may go. */
  setFrame(width: number, height: number): void;
}

/** Attaches d3-zoom to `canvasRef`'s canvas; the options are read live, so they may change. */
export function useMapZoom(
  canvasRef: RefObject<HTMLCanvasElement>,
  options: MapZoomOptions,
): MapZoom {
  const live = useRef(options);
  live.current = options;
  const api = useRef<MapZoom>({
    transform: IDENTITY,
    zoomBy: () => {},
    panBy: () => {},
    set: () => {},
    setFrame: () => {},
  });

  useEffect(() => {
    const canvas = canvasRef.current!;
    const state = api.current;
    const plain = (t: ZoomTransform): Transform => ({ k: t.k, x: t.x, y: t.y });
    let started = IDENTITY;
    const zoomer = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .filter((e: MouseEvent & WheelEvent) =>
        (!e.ctrlKey || e.type === "wheel") && !e.button &&
        !(e.type === "mousedown" && live.current.ignore(e))
      )
      .on("zoom", (e: { transform: ZoomTransform }) => {
        state.transform = plain(e.transform);
        live.current.onChange(state.transform);
      })
      .on("start", (e: { transform: ZoomTransform }) => started = plain(e.transform))
      .on("end", (e: { transform: ZoomTransform }) => {
        const t = plain(e.transform);
        if (t.k !== started.k || t.x !== started.x || t.y !== started.y) live.current.onEnd(t);
      });
    const selection = select(canvas);
    selection.call(zoomer);
    const z = live.current.initial;
    if (z) selection.call(zoomer.transform, zoomIdentity.translate(z.x, z.y).scale(z.k));
    state.zoomBy = (factor) =>
      factor === 0
        ? selection.transition().duration(400).call(zoomer.transform, zoomIdentity)
        : selection.transition().duration(250).call(zoomer.scaleBy, factor);
    // translateBy works in zoomed units, so divide by k. Looking right moves the points left.
    state.panBy = (dx, dy, width, height) =>
      selection.transition().duration(250).call(
        zoomer.translateBy,
        -dx * width / state.transform.k,
        -dy * height / state.transform.k,
      );
    state.set = (t) =>
      selection.call(zoomer.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
    // The whole map (which fits the frame at zoom 1) may leave the view by at most half a frame.
    state.setFrame = (w, h) => zoomer.translateExtent([[-w / 2, -h / 2], [w * 1.5, h * 1.5]]);
    return () => {
      zoomer.on("start", null).on("zoom", null).on("end", null);
      selection.on(".zoom", null);
      selection.interrupt();
      state.zoomBy = () => {};
      state.panBy = () => {};
      state.set = () => {};
      state.setFrame = () => {};
    };
  }, []);

  return api.current;
}
