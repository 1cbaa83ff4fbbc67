/**
 * d3-zoom on the map's canvas, created once and kept in refs (removed on
 * cleanup): wheel and mouse drag, two-finger pan and pinch, plus zoom and
 * pan steps for buttons and keys. One finger is left to the page, so a
 * swipe over the map scrolls it on a phone (CSS touch-action: pan-y).
 */
import { select, zoom, zoomIdentity, type ZoomTransform } from "d3";
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { SCALE_EXTENT } from "../explorer/url_state.ts";
import { baseScale, IDENTITY, type Transform } from "./geometry.ts";

/** What the map asks of its zoom. */
export interface MapZoomOptions {
  /** The transform to start from, or null for the identity. */
  initial: Transform | null;
  /** Whether d3-zoom should ignore this event (e.g. a press on the handle). */
  ignore(event: MouseEvent): boolean;
  /** Whether a one-finger touch at this client position grabs the map (the handle does). */
  grabs(clientX: number, clientY: number): boolean;
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
      // Pans and zooms may go anywhere as long as the view's centre stays on the map, so the
      // map can never be lost off-screen (d3's default keeps the view inside the extent).
      .constrain((t: ZoomTransform, view: [[number, number], [number, number]], box: [
        [number, number],
        [number, number],
      ]) => {
        const [cx, cy] = [
          t.invertX((view[0][0] + view[1][0]) / 2),
          t.invertY((view[0][1] + view[1][1]) / 2),
        ];
        const nx = Math.min(box[1][0], Math.max(box[0][0], cx));
        const ny = Math.min(box[1][1], Math.max(box[0][1], cy));
        return t.translate(cx - nx, cy - ny);
      })
      // Touches are handled below: d3-zoom would take the first finger, and the page's scroll.
      .filter((e: MouseEvent & WheelEvent) =>
        !e.type.startsWith("touch") && (!e.ctrlKey || e.type === "wheel") && !e.button &&
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
    // Two fingers pan and pinch: the map point under their midpoint stays under it.
    let pinch: { mid: [number, number]; dist: number; from: Transform } | null = null;
    const twoFingers = (e: TouchEvent) => {
      const rect = canvas.getBoundingClientRect();
      const [p, q] = [e.touches[0], e.touches[1]];
      const mid: [number, number] = [
        (p.clientX + q.clientX) / 2 - rect.left,
        (p.clientY + q.clientY) / 2 - rect.top,
      ];
      return { mid, dist: Math.hypot(p.clientX - q.clientX, p.clientY - q.clientY) || 1 };
    };
    const onTouchStart = (e: TouchEvent) => {
      if (e.touches.length === 2) {
        e.preventDefault();
        pinch = { ...twoFingers(e), from: state.transform };
      } else if (e.touches.length === 1) {
        const t = e.touches[0];
        // Keep the page still while a finger drags the handle (pointer events do the drag).
        if (live.current.grabs(t.clientX, t.clientY)) e.preventDefault();
      }
    };
    const onTouchMove = (e: TouchEvent) => {
      if (!pinch || e.touches.length !== 2) return;
      e.preventDefault();
      const { mid, dist } = twoFingers(e);
      const { from } = pinch;
      const k = Math.min(SCALE_EXTENT[1], Math.max(SCALE_EXTENT[0], from.k * dist / pinch.dist));
      const bx = (pinch.mid[0] - from.x) / from.k;
      const by = (pinch.mid[1] - from.y) / from.k;
      selection.call(
        zoomer.transform,
        zoomIdentity.translate(mid[0] - k * bx, mid[1] - k * by).scale(k),
      );
    };
    const onTouchEnd = (e: TouchEvent) => {
      if (e.touches.length < 2) pinch = null;
    };
    canvas.addEventListener("touchstart", onTouchStart, { passive: false });
    canvas.addEventListener("touchmove", onTouchMove, { passive: false });
    canvas.addEventListener("touchend", onTouchEnd);
    canvas.addEventListener("touchcancel", onTouchEnd);
    // zoom.transform() applies a transform as given; a link's must be held to what gestures may
    // reach: the scale extent, and the translate extent through d3-zoom's own constrain.
    let frame: [[number, number], [number, number]] = [[0, 0], [0, 0]];
    state.set = (t) => {
      const k = Math.min(SCALE_EXTENT[1], Math.max(SCALE_EXTENT[0], t.k));
      const wanted = zoomIdentity.translate(t.x, t.y).scale(k);
      selection.call(zoomer.transform, zoomer.constrain()(wanted, frame, zoomer.translateExtent()));
    };
    // The whole map (which fits the frame at zoom 1) may leave the view by at most half a frame.
    state.setFrame = (w, h) => {
      frame = [[0, 0], [w, h]];
      // The map's data box (a little beyond [-1, 1]) in unzoomed pixels: see the constrain below.
      const r = 1.2 * baseScale({ w, h })[0];
      zoomer.translateExtent([[w / 2 - r, h / 2 - r], [w / 2 + r, h / 2 + r]]);
    };
    return () => {
      canvas.removeEventListener("touchstart", onTouchStart);
      canvas.removeEventListener("touchmove", onTouchMove);
      canvas.removeEventListener("touchend", onTouchEnd);
      canvas.removeEventListener("touchcancel", onTouchEnd);
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
