import { type Quadtree, quadtree } from "d3";
import { useEffect, useRef } from "preact/hooks";
import type { PointSet } from "../../islands/_explorer/data.ts";
import type { CentreState, EndRef, ZoomState } from "../explorer/url_state.ts";
import type { MapMarks } from "../explorer/use_map_marks.ts";
import {
  type Frame,
  pixelsPerUnit,
  screenToBase,
  tAlongPath,
  toBase,
  toScreen,
  transformOf,
  viewOf,
} from "./geometry.ts";
import { paintMap } from "./paint.ts";
import { reportScreen } from "./report_screen.ts";
import { type Positions, usePositions } from "./use_positions.ts";
import { useMapPointer } from "./use_map_pointer.ts";
import { useMapZoom } from "./use_map_zoom.ts";

/** A hovered point and where: pointer position and map size, CSS pixels. */
export interface Hover {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Props of `MapView`. */
export interface MapViewProps {
  points: PointSet | null;
  projection: "pca" | "umap";
  a: EndRef | null;
  b: EndRef | null;
  t: number;
  /** The centroids, path and handle placed on both maps (data units), as far as known. */
  marks: MapMarks;
  /** A digit to bring forward (legend hover), or a pair (the class filter), or null. */
  highlight: number | readonly number[] | null;
  /** Where to look at first, in raw map units (applied once the points' scaling is known). */
  initialCentre: CentreState | null;
  /** An old link's screen-pixel zoom, applied at start when there is no centre. */
  initialZoom: ZoomState | null;
  /** Record each redraw as a performance measure "muddle:redraw". */
  measure: boolean;
  onPick(end: EndRef): void;
  onT(t: number): void;
  /** The view after a zoom or pan, in raw map units of the projection shown. */
  onZoom(centre: CentreState): void;
  /** The point under the pointer, with the pointer and the map's size in CSS pixels. */
  onHover(hover: Hover | null): void;
  /** A zoom request from the buttons or keys: factor (0 resets), seq makes each one new. */
  zoomStep: { factor: number; seq: number };
  /**
   * A pan request from the buttons or keys: dx, dy as fractions of the map's
   * width and height (positive: show more of the right / bottom), seq makes each one new.
   */
  panStep: { dx: number; dy: number; seq: number };
}

/** What the map keeps between frames (a ref, not state: redraws skip Preact). */
interface View extends Positions {
  frame: Frame;
  dpr: number;
  /** Points by unzoomed screen position, so a pick radius in pixels is round. */
  tree: Quadtree<number> | null;
  raf: number;
  /** Reused pixel buffer for the points. */
  pixels: ImageData | null;
}

const HANDLE_HIT = 16;
const POINT_HIT = 7;
const CENTROID_HIT = 16;

/**
 * The latent map on one canvas: points coloured by digit, centroids, the
 * path and its handle. d3-zoom pans and zooms (use_map_zoom.ts); a
 * d3-quadtree finds the point under the pointer. Both are made once and kept in refs.
 */
export function MapView(props: MapViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const live = useRef(props);
  live.current = props;
  const view = useRef<View>({
    frame: { w: 0, h: 0 },
    dpr: 1,
    pos: null,
    centres: null,
    umapWeight: 1,
    tree: null,
    raf: 0,
    pixels: null,
  }).current;

  const zoom = useMapZoom(canvasRef, {
    initial: props.initialCentre ? null : props.initialZoom,
    ignore: (e) => nearHandle(...local(e)),
    grabs: (x, y) => nearHandle(...local({ clientX: x, clientY: y } as MouseEvent)),
    onChange: () => {
      live.current.onHover(null);
      schedule();
    },
    onEnd: (z) => {
      const scaling = scalingNow();
      if (scaling && view.frame.w > 0) live.current.onZoom(viewOf(view.frame, z, scaling));
    },
  });
  const scalingNow = () => live.current.points?.scaling[live.current.projection] ?? null;

  const screenOf = (x: number, y: number) => toScreen(view.frame, zoom.transform, x, y);
  const endScreen = (end: EndRef | null): [number, number] | null => {
    const { pos, centres } = view;
    if (!end || !pos || !centres) return null;
    // A latent end (a drawn digit) has no point of its own: the path's placed steps show it.
    if (end.kind === "latent") return null;
    if (end.kind === "centroid") {
      return screenOf(centres[2 * end.digit], centres[2 * end.digit + 1]);
    }
    if (2 * end.index + 1 >= pos.length) return null;
    return screenOf(pos[2 * end.index], pos[2 * end.index + 1]);
  };
  // A mark placed on both maps, drawn where the points are now (between them mid-transition).
  const markScreen = (both: { pca: Float32Array; umap: Float32Array }, i: number) => {
    const w = view.umapWeight;
    return screenOf(
      both.pca[2 * i] * (1 - w) + both.umap[2 * i] * w,
      both.pca[2 * i + 1] * (1 - w) + both.umap[2 * i + 1] * w,
    );
  };
  const pathScreen = (): [number, number][] | null => {
    const { path } = live.current.marks;
    return path && live.current.a && live.current.b
      ? path.ts.map((_, s) => markScreen(path, s))
      : null;
  };
  const handleScreen = (): [number, number] | null => {
    const { handle } = live.current.marks;
    return handle && live.current.a && live.current.b ? markScreen(handle, 0) : null;
  };
  const tAt = (x: number, y: number): number | null => {
    const { path } = live.current.marks;
    const line = pathScreen();
    return path && line ? tAlongPath(line, path.ts, [x, y]) : null;
  };
  const nearHandle = (x: number, y: number) => {
    const h = handleScreen();
    return h !== null && Math.hypot(h[0] - x, h[1] - y) < HANDLE_HIT;
  };
  const local = (e: MouseEvent): [number, number] => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };
  const buildTree = () => {
    const pos = view.pos;
    if (!pos) return;
    view.tree = quadtree<number>()
      .x((i: number) => toBase(view.frame, pos[2 * i], pos[2 * i + 1])[0])
      .y((i: number) => toBase(view.frame, pos[2 * i], pos[2 * i + 1])[1])
      .addAll(Array.from({ length: pos.length / 2 }, (_, i) => i));
  };
  const findPoint = (x: number, y: number, radius: number): number | null => {
    if (!view.tree) return null;
    const [bx, by] = screenToBase(zoom.transform, x, y);
    return view.tree.find(bx, by, radius / zoom.transform.k) ?? null;
  };

  const draw = () => {
    const p = live.current;
    const canvas = canvasRef.current;
    if (!canvas || view.frame.w === 0) return;
    const started = performance.now();
    const path = pathScreen();
    const handle = handleScreen();
    // The ends of a drawn path are its first and last placed steps (a centroid end is its mark).
    const a = path ? path[0] : endScreen(p.a);
    const b = path ? path[path.length - 1] : endScreen(p.b);
    view.pixels = paintMap(canvas, {
      frame: view.frame,
      dpr: view.dpr,
      transform: zoom.transform,
      pos: p.points ? view.pos : null,
      labels: p.points?.labels ?? null,
      centres: view.centres,
      highlight: p.highlight,
      a,
      b,
      path,
      handle,
    }, view.pixels);
    const { centres } = view;
    const scaling = scalingNow();
    reportScreen(canvas, {
      centroids: centres &&
        Array.from({ length: 10 }, (_, d) => screenOf(centres[2 * d], centres[2 * d + 1])),
      handle,
      path,
      ends: [a, b],
      view: scaling && {
        ...viewOf(view.frame, zoom.transform, scaling),
        ppu: pixelsPerUnit(view.frame, zoom.transform, scaling),
      },
    });
    if (p.measure) performance.measure("muddle:redraw", { start: started, end: performance.now() });
  };
  const schedule = () => {
    if (view.raf) return;
    view.raf = requestAnimationFrame(() => {
      view.raf = 0;
      draw();
    });
  };

  useMapPointer(canvasRef, {
    nearHandle,
    tAt,
    pointAt: (x, y) => findPoint(x, y, POINT_HIT),
    centroidAt: (x, y) => {
      const { centres } = view;
      if (!centres) return null;
      let best: number | null = null;
      let bestD = CENTROID_HIT;
      for (let d = 0; d < 10; d++) {
        const [cx, cy] = screenOf(centres[2 * d], centres[2 * d + 1]);
        const dist = Math.hypot(cx - x, cy - y);
        if (dist < bestD) [best, bestD] = [d, dist];
      }
      return best;
    },
    size: () => view.frame,
  }, {
    onT: (t) => live.current.onT(t),
    onPick: (end) => live.current.onPick(end),
    onHover: (hover) => live.current.onHover(hover),
  });

  // Once: canvas sizing. Removed on cleanup.
  useEffect(() => {
    const canvas = canvasRef.current!;
    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      view.frame = { w: rect.width, h: rect.height };
      view.dpr = globalThis.devicePixelRatio || 1;
      canvas.width = Math.round(view.frame.w * view.dpr);
      canvas.height = Math.round(view.frame.h * view.dpr);
      zoom.setFrame(view.frame.w, view.frame.h);
      if (view.tree) buildTree();
      draw();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();

    return () => {
      observer.disconnect();
      if (view.raf) cancelAnimationFrame(view.raf);
    };
  }, []);

  // New points or projection: move every point to its new place.
  usePositions(props.points, props.projection, props.marks.centroids, view, (settled) => {
    if (!settled) {
      view.tree = null;
      return draw();
    }
    buildTree();
    schedule();
  });

  // A link's centre needs the points' scaling: apply it once they are here.
  const centred = useRef(false);
  useEffect(() => {
    const scaling = scalingNow();
    if (centred.current || !scaling || !props.initialCentre || view.frame.w === 0) return;
    centred.current = true;
    zoom.set(transformOf(view.frame, props.initialCentre, scaling));
  }, [props.points]);

  // The URL's centre is in the units of the projection shown: restate it when that changes
  // (and, for an old link's pixel zoom, once the points arrive).
  useEffect(() => {
    const scaling = scalingNow();
    const { k, x, y } = zoom.transform;
    if (!scaling || view.frame.w === 0 || (k === 1 && x === 0 && y === 0)) return;
    live.current.onZoom(viewOf(view.frame, zoom.transform, scaling));
  }, [props.points, props.projection]);

  useEffect(() => {
    if (props.zoomStep.seq > 0) zoom.zoomBy(props.zoomStep.factor);
  }, [props.zoomStep]);
  useEffect(() => {
    const { dx, dy, seq } = props.panStep;
    if (seq > 0) zoom.panBy(dx, dy, view.frame.w, view.frame.h);
  }, [props.panStep]);

  // Anything else drawn changed.
  useEffect(schedule, [props.a, props.b, props.t, props.marks, props.highlight]);

  return (
    <canvas
      ref={canvasRef}
      class="map-canvas"
      tabIndex={0}
      role="application"
      aria-roledescription="latent map"
      aria-label="Map of digit latents. Click a centroid or a point to set path ends; left and right arrows move the handle; plus and minus zoom; W, A, S and D pan."
    />
  );
}
