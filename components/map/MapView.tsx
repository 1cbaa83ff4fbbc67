import {
  easeCubicInOut,
  type Quadtree,
  quadtree,
  select,
  timer,
  zoom,
  zoomIdentity,
  type ZoomTransform,
} from "d3";
import { useEffect, useRef } from "preact/hooks";
import { DIGIT_COLORS } from "../explorer/colors.ts";
import { digitCentres, type PointSet } from "../../islands/_explorer/data.ts";
import type { EndRef, ZoomState } from "../explorer/url_state.ts";

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
  /** A digit to bring forward (legend hover), or null. */
  highlight: number | null;
  initialZoom: ZoomState | null;
  /** Record each redraw as a performance measure "muddle:redraw". */
  measure: boolean;
  onPick(end: EndRef): void;
  onT(t: number): void;
  onZoom(z: ZoomState): void;
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

interface View {
  w: number;
  h: number;
  dpr: number;
  transform: ZoomTransform;
  /** Positions drawn now (mid-transition they are between projections). */
  pos: Float32Array | null;
  centres: Float32Array | null;
  tree: Quadtree<number> | null;
  frame: number;
  dragging: boolean;
  /** Reused pixel buffer for the points. */
  pixels: ImageData | null;
}

/** A colour as one little-endian RGBA word for a Uint32Array over ImageData. */
function pack(hex: string, alpha: number): number {
  const n = parseInt(hex.slice(1), 16);
  return ((Math.round(alpha * 255) << 24) | ((n & 0xff) << 16) | (n & 0xff00) | (n >> 16)) >>> 0;
}
const PACKED = Uint32Array.from(DIGIT_COLORS, (c) => pack(c, 0.9));
// With one digit highlighted, the others fade.
const PACKED_DIM = DIGIT_COLORS.map((_, h) =>
  Uint32Array.from(DIGIT_COLORS, (c, d) => pack(c, d === h ? 1 : 0.13))
);

const HANDLE_HIT = 16;
const POINT_HIT = 7;
const CENTROID_HIT = 16;

/**
 * The latent map on one canvas: points coloured by digit, centroids, the
 * path and its handle. d3-zoom pans and zooms; a d3-quadtree finds the
 * point under the pointer. Both are created once and kept in refs.
 */
export function MapView(props: MapViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomApi = useRef<((factor: number) => void) | null>(null);
  const panApi = useRef<((dx: number, dy: number) => void) | null>(null);
  const live = useRef(props);
  live.current = props;
  const view = useRef<View>({
    w: 0,
    h: 0,
    dpr: 1,
    transform: zoomIdentity,
    pos: null,
    centres: null,
    tree: null,
    frame: 0,
    dragging: false,
    pixels: null,
  });

  // Data in [-1, 1] fills the canvas (each axis was scaled on its own in data.ts).
  const scaleOf = (v: View): [number, number] => [v.w / 2 * 0.94, v.h / 2 * 0.92];
  // Screen position (CSS px) of data point (x, y).
  const toScreen = (x: number, y: number): [number, number] => {
    const v = view.current;
    const [sx, sy] = scaleOf(v);
    return v.transform.apply([v.w / 2 + x * sx, v.h / 2 - y * sy]);
  };
  // The quadtree works in unzoomed screen units, so a pick radius in pixels is round.
  const buildTree = () => {
    const v = view.current;
    const pos = v.pos;
    if (!pos) return;
    const [sx, sy] = scaleOf(v);
    const indices = Array.from({ length: pos.length / 2 }, (_, i) => i);
    v.tree = quadtree<number>()
      .x((i: number) => v.w / 2 + pos[2 * i] * sx)
      .y((i: number) => v.h / 2 - pos[2 * i + 1] * sy)
      .addAll(indices);
  };
  const endScreen = (end: EndRef | null): [number, number] | null => {
    const { pos, centres } = view.current;
    if (!end || !pos || !centres) return null;
    if (end.kind === "centroid") {
      return toScreen(centres[2 * end.digit], centres[2 * end.digit + 1]);
    }
    if (2 * end.index + 1 >= pos.length) return null;
    return toScreen(pos[2 * end.index], pos[2 * end.index + 1]);
  };

  const draw = () => {
    const v = view.current;
    const p = live.current;
    const canvas = canvasRef.current;
    if (!canvas || v.w === 0) return;
    const started = performance.now();
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(v.dpr, 0, 0, v.dpr, 0, 0);
    ctx.clearRect(0, 0, v.w, v.h);
    const { pos, centres } = v;
    if (pos && p.points) {
      const [sx, sy] = scaleOf(v);
      const { k, x: tx, y: ty } = v.transform;
      // Fold both mappings (data -> base -> zoom) and the pixel ratio into one affine step.
      const ax = k * sx * v.dpr;
      const ay = k * sy * v.dpr;
      const bx = (k * v.w / 2 + tx) * v.dpr;
      const by = (k * v.h / 2 + ty) * v.dpr;
      const size = Math.max(
        1,
        Math.round(
          Math.min(4, 1.25 * Math.sqrt(k) * (p.points.count > 20000 ? 0.8 : 1)) * v.dpr,
        ),
      );
      // Points go straight into a pixel buffer: at 70,000 points this is several
      // times faster than fillRect. Index order is random, so no digit always wins overlaps.
      const W = canvas.width;
      const H = canvas.height;
      if (!v.pixels || v.pixels.width !== W || v.pixels.height !== H) {
        v.pixels = new ImageData(W, H);
      }
      const buffer = new Uint32Array(v.pixels.data.buffer);
      buffer.fill(0);
      const colours = p.highlight === null ? PACKED : PACKED_DIM[p.highlight];
      const labels = p.points.labels;
      const maxX = W - size;
      const maxY = H - size;
      for (let i = 0; i < labels.length; i++) {
        const px = (ax * pos[2 * i] + bx - size / 2) | 0;
        const py = (by - ay * pos[2 * i + 1] - size / 2) | 0;
        if (px < 0 || py < 0 || px > maxX || py > maxY) continue;
        const colour = colours[labels[i]];
        for (let dy = 0; dy < size; dy++) {
          const row = (py + dy) * W + px;
          for (let dx = 0; dx < size; dx++) buffer[row + dx] = colour;
        }
      }
      ctx.putImageData(v.pixels, 0, 0);
    }
    if (centres) {
      ctx.font = "600 12px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      for (let d = 0; d < 10; d++) {
        const [x, y] = toScreen(centres[2 * d], centres[2 * d + 1]);
        ctx.beginPath();
        ctx.arc(x, y, 11, 0, Math.PI * 2);
        ctx.fillStyle = "rgba(14,17,23,0.85)";
        ctx.fill();
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = DIGIT_COLORS[d];
        ctx.stroke();
        ctx.fillStyle = "#fff";
        ctx.fillText(String(d), x, y + 0.5);
      }
    }
    const a = endScreen(p.a);
    const b = endScreen(p.b);
    for (const [end, label] of [[a, "A"], [b, "B"]] as const) {
      if (!end) continue;
      ctx.beginPath();
      ctx.arc(end[0], end[1], 15, 0, Math.PI * 2);
      ctx.lineWidth = 2;
      ctx.strokeStyle = "#fff";
      ctx.setLineDash([3, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#fff";
      ctx.font = "700 11px system-ui, sans-serif";
      ctx.fillText(label, end[0] + 19, end[1] - 15);
    }
    if (a && b) {
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.lineWidth = 6;
      ctx.strokeStyle = "rgba(0,0,0,0.55)";
      ctx.stroke();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.stroke();
      const hx = a[0] + (b[0] - a[0]) * p.t;
      const hy = a[1] + (b[1] - a[1]) * p.t;
      ctx.beginPath();
      ctx.arc(hx, hy, 9, 0, Math.PI * 2);
      ctx.fillStyle = "#ffd166";
      ctx.fill();
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#0e1117";
      ctx.stroke();
    }
    // Screen positions of the centroids and the handle, for tests and tools that drive the map.
    if (centres) {
      canvas.dataset.centroids = Array.from(
        { length: 10 },
        (_, d) => toScreen(centres[2 * d], centres[2 * d + 1]).map(Math.round).join(","),
      ).join(";");
    }
    canvas.dataset.handle = a && b
      ? [a[0] + (b[0] - a[0]) * p.t, a[1] + (b[1] - a[1]) * p.t].map(Math.round).join(",")
      : "";
    canvas.dataset.ends = [a, b].map((e) => e ? e.map(Math.round).join(",") : "").join(";");
    if (p.measure) performance.measure("muddle:redraw", { start: started, end: performance.now() });
  };
  const schedule = () => {
    const v = view.current;
    if (v.frame) return;
    v.frame = requestAnimationFrame(() => {
      v.frame = 0;
      draw();
    });
  };

  // Once: canvas sizing, zoom, pointer handling. Everything is removed on cleanup.
  useEffect(() => {
    const canvas = canvasRef.current!;
    const v = view.current;
    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      v.w = rect.width;
      v.h = rect.height;
      v.dpr = globalThis.devicePixelRatio || 1;
      canvas.width = Math.round(v.w * v.dpr);
      canvas.height = Math.round(v.h * v.dpr);
      if (v.tree) buildTree();
      draw();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();

    const nearHandle = (x: number, y: number) => {
      const a = endScreen(live.current.a);
      const b = endScreen(live.current.b);
      if (!a || !b) return false;
      const t = live.current.t;
      return Math.hypot(a[0] + (b[0] - a[0]) * t - x, a[1] + (b[1] - a[1]) * t - y) < HANDLE_HIT;
    };
    const local = (e: MouseEvent): [number, number] => {
      const rect = canvas.getBoundingClientRect();
      return [e.clientX - rect.left, e.clientY - rect.top];
    };
    const zoomer = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.5, 60])
      .filter((e: MouseEvent & WheelEvent) =>
        (!e.ctrlKey || e.type === "wheel") && !e.button &&
        !(e.type === "mousedown" && nearHandle(...local(e)))
      )
      .on("zoom", (e: { transform: ZoomTransform }) => {
        v.transform = e.transform;
        live.current.onHover(null);
        schedule();
      })
      .on("end", (e: { transform: ZoomTransform }) => {
        const { k, x, y } = e.transform;
        live.current.onZoom({ k, x, y });
      });
    const selection = select(canvas);
    selection.call(zoomer);
    const z = live.current.initialZoom;
    if (z) selection.call(zoomer.transform, zoomIdentity.translate(z.x, z.y).scale(z.k));
    zoomApi.current = (factor) =>
      factor === 0
        ? selection.transition().duration(400).call(zoomer.transform, zoomIdentity)
        : selection.transition().duration(250).call(zoomer.scaleBy, factor);
    // A pan moves the view by a share of the map's size in screen pixels, whatever the scale:
    // translateBy works in zoomed units, so divide by k. Looking right moves the points left.
    panApi.current = (dx, dy) =>
      selection.transition().duration(250).call(
        zoomer.translateBy,
        -dx * v.w / v.transform.k,
        -dy * v.h / v.transform.k,
      );

    const tFromPointer = (x: number, y: number) => {
      const a = endScreen(live.current.a)!;
      const b = endScreen(live.current.b)!;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy || 1;
      return Math.min(1, Math.max(0, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
    };
    let moved = false;
    const onDown = (e: PointerEvent) => {
      const [x, y] = local(e);
      moved = false;
      if (!nearHandle(x, y)) return;
      v.dragging = true;
      canvas.setPointerCapture(e.pointerId);
      canvas.classList.add("dragging");
      e.preventDefault();
    };
    const onMove = (e: PointerEvent) => {
      const [x, y] = local(e);
      if (v.dragging) {
        moved = true;
        live.current.onT(tFromPointer(x, y));
        return;
      }
      canvas.style.cursor = nearHandle(x, y) ? "grab" : "";
      const index = findPoint(x, y, POINT_HIT);
      live.current.onHover(index === null ? null : { index, x, y, width: v.w, height: v.h });
    };
    const onUp = (e: PointerEvent) => {
      if (!v.dragging) return;
      v.dragging = false;
      canvas.releasePointerCapture(e.pointerId);
      canvas.classList.remove("dragging");
    };
    const findPoint = (x: number, y: number, radius: number): number | null => {
      if (!v.tree) return null;
      const [bx, by] = v.transform.invert([x, y]);
      return v.tree.find(bx, by, radius / v.transform.k) ?? null;
    };
    const onClick = (e: MouseEvent) => {
      if (moved) return;
      const [x, y] = local(e);
      if (nearHandle(x, y)) return;
      const { centres } = v;
      if (centres) {
        let best = -1;
        let bestD = CENTROID_HIT;
        for (let d = 0; d < 10; d++) {
          const [cx, cy] = toScreen(centres[2 * d], centres[2 * d + 1]);
          const dist = Math.hypot(cx - x, cy - y);
          if (dist < bestD) [best, bestD] = [d, dist];
        }
        if (best >= 0) return live.current.onPick({ kind: "centroid", digit: best });
      }
      const index = findPoint(x, y, POINT_HIT);
      if (index !== null) live.current.onPick({ kind: "image", index });
    };
    const onLeave = () => live.current.onHover(null);
    canvas.addEventListener("pointerdown", onDown);
    canvas.addEventListener("pointermove", onMove);
    canvas.addEventListener("pointerup", onUp);
    canvas.addEventListener("pointercancel", onUp);
    canvas.addEventListener("pointerleave", onLeave);
    canvas.addEventListener("click", onClick);
    return () => {
      observer.disconnect();
      zoomer.on("zoom", null).on("end", null);
      selection.on(".zoom", null);
      canvas.removeEventListener("pointerdown", onDown);
      canvas.removeEventListener("pointermove", onMove);
      canvas.removeEventListener("pointerup", onUp);
      canvas.removeEventListener("pointercancel", onUp);
      canvas.removeEventListener("pointerleave", onLeave);
      canvas.removeEventListener("click", onClick);
      if (v.frame) cancelAnimationFrame(v.frame);
      zoomApi.current = null;
      panApi.current = null;
    };
  }, []);

  // New points or projection: move every point to its new place, animated when only the projection changed.
  const shown = useRef<{ points: PointSet | null; projection: string }>({
    points: null,
    projection: "",
  });
  useEffect(() => {
    const { points, projection } = props;
    const v = view.current;
    if (!points) return;
    const target = projection === "pca" ? points.pca : points.umap;
    const targetCentres = digitCentres(target, points.byDigit);
    const animate = shown.current.points === points && shown.current.projection !== projection &&
      v.pos !== null;
    shown.current = { points, projection };
    const finish = () => {
      v.pos = target;
      v.centres = targetCentres;
      buildTree();
      schedule();
    };
    if (!animate) return finish();
    v.tree = null;
    const from = v.pos!.slice();
    const fromCentres = v.centres!.slice();
    const pos = new Float32Array(target.length);
    const centres = new Float32Array(20);
    // Respect a wish for less motion: jump instead of gliding.
    const DURATION = matchMedia("(prefers-reduced-motion: reduce)").matches ? 1 : 750;
    const anim = timer((elapsed: number) => {
      const u = easeCubicInOut(Math.min(1, elapsed / DURATION));
      for (let i = 0; i < pos.length; i++) pos[i] = from[i] + (target[i] - from[i]) * u;
      for (let i = 0; i < 20; i++) {
        centres[i] = fromCentres[i] + (targetCentres[i] - fromCentres[i]) * u;
      }
      v.pos = pos;
      v.centres = centres;
      draw();
      if (u >= 1) {
        anim.stop();
        finish();
      }
    });
    return () => anim.stop();
  }, [props.points, props.projection]);

  useEffect(() => {
    if (props.zoomStep.seq > 0) zoomApi.current?.(props.zoomStep.factor);
  }, [props.zoomStep]);
  useEffect(() => {
    if (props.panStep.seq > 0) panApi.current?.(props.panStep.dx, props.panStep.dy);
  }, [props.panStep]);

  // Anything else drawn changed.
  useEffect(schedule, [props.a, props.b, props.t, props.highlight]);

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
