import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { DigitCanvas } from "./DigitCanvas.tsx";
import { estimateLatent } from "../../lib/latent/estimate_latent.ts";
import { createNearestIndex } from "../../lib/latent/nearest_index.ts";
import { argmax, type DigitModel, type DrawnDigit, type MapPoints } from "./explore_types.ts";
import type { CentreState, ZoomState } from "./url_state.ts";
import { useRovingFocus } from "./use_roving_focus.ts";
import { fromScreen, IDENTITY, toScreen, type Transform, transformOf } from "../map/geometry.ts";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";

/** Props of `MapOverlay`. */
export interface MapOverlayProps {
  points: MapPoints | null;
  model: DigitModel | null;
  testImages: Uint8Array | null;
  projection: "umap" | "pca";
  /** Where the map looks (the view's centre, raw map units), or null for the whole map. */
  centre: CentreState | null;
  /** An old link's screen-pixel zoom, when there is no centre. */
  zoom: ZoomState | null;
  latentSize: number;
  names: string[];
  /** A drawn digit to mark on the map. */
  marker: DrawnDigit | null;
}

type Mode = "explore" | "decode" | "select" | "lasso";
const MODES = [
  ["explore", "Explore"],
  ["decode", "Decode anywhere"],
  ["select", "Box select"],
  ["lasso", "Lasso"],
] as const;

interface Decoded {
  x: number;
  y: number;
  image: Float32Array;
  read: number;
  p: number;
}

interface Selection {
  indices: number[];
  mean: Float32Array;
  read: number;
  p: number;
  /** Points per class, most first. */
  counts: [number, number][];
}

/**
 * Tools over the map, on a layer above its canvas: a mode switch, "decode
 * anywhere" (the latent estimated where the pointer is, decoded and read),
 * box selection (count, mean image, the judge's reading of it), and the
 * mark of a drawn digit. In explore mode the layer lets every pointer event
 * through to the map.
 */
export function MapOverlay(props: MapOverlayProps) {
  const { points, model, projection, names } = props;
  const layer = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [mode, setMode] = useState<Mode>("explore");
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  const [box, setBox] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [lasso, setLasso] = useState<[number, number][] | null>(null);
  const frameRequest = useRef(0);
  // The mode buttons are one Tab stop (arrow keys move between them), as the toolbar's are.
  const modesRef = useRef<HTMLDivElement>(null);
  useRovingFocus(modesRef);

  useEffect(() => {
    const svg = layer.current!;
    const observer = new ResizeObserver(() => setSize({ w: svg.clientWidth, h: svg.clientHeight }));
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  const testCount = points?.testCount ?? 0;
  const scaling = points?.scaling[projection] ?? null;
  // The transform MapView shows, from the view's centre (as MapView applies it).
  const frame = { w: size.w, h: size.h };
  const transform: Transform = props.centre && scaling
    ? transformOf(frame, props.centre, scaling)
    : props.zoom ?? IDENTITY;
  const toData = (x: number, y: number) => fromScreen(frame, transform, x, y);
  const toPixels = (x: number, y: number) => toScreen(frame, transform, x, y);
  // The same scale on both axes, so neighbours and weights in data units are those in raw units.
  const mapIndex = useMemo(
    () => points ? createNearestIndex(points[projection].subarray(0, testCount * 2), 2) : null,
    [points, projection],
  );
  const testLatents = useMemo(
    () => points ? points.latents.subarray(0, testCount * props.latentSize) : null,
    [points],
  );

  const local = (e: PointerEvent): [number, number] => {
    const box = layer.current!.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  };
  const decodeAt = (sx: number, sy: number) => {
    if (!mapIndex || !model || !testLatents) return;
    const latent = estimateLatent(toData(sx, sy), mapIndex, testLatents);
    const image = model.decode(latent);
    const p = model.judge(image);
    const read = argmax(p);
    setDecoded({ x: sx, y: sy, image, read, p: p[read] });
  };
  const onMove = (e: PointerEvent) => {
    const [x, y] = local(e);
    if (mode === "decode") {
      cancelAnimationFrame(frameRequest.current);
      frameRequest.current = requestAnimationFrame(() => decodeAt(x, y));
    } else if (mode === "select" && box) setBox({ ...box, x1: x, y1: y });
    else if (mode === "lasso" && lasso) setLasso([...lasso, [x, y]]);
  };
  const onDown = (e: PointerEvent) => {
    if (mode !== "select" && mode !== "lasso") return;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    const [x, y] = local(e);
    if (mode === "lasso") setLasso([[x, y]]);
    else setBox({ x0: x, y0: y, x1: x, y1: y });
  };
  const onUp = () => {
    if (mode === "lasso" && lasso && points) {
      // Points whose screen position lies inside the drawn polygon.
      const pos = points[projection];
      const indices: number[] = [];
      for (let i = 0; i < points.count; i++) {
        const s = toPixels(pos[2 * i], pos[2 * i + 1]);
        if (insidePolygon(s, lasso)) indices.push(i);
      }
      setLasso(null);
      setSelection(indices.length ? summarise(indices) : null);
      return;
    }
    if (mode !== "select" || !box || !points) return;
    const [ax, ay] = toData(Math.min(box.x0, box.x1), Math.max(box.y0, box.y1));
    const [bx, by] = toData(Math.max(box.x0, box.x1), Math.min(box.y0, box.y1));
    const pos = points[projection];
    const indices: number[] = [];
    for (let i = 0; i < points.count; i++) {
      const [x, y] = [pos[2 * i], pos[2 * i + 1]];
      if (x >= ax && x <= bx && y >= ay && y <= by) indices.push(i);
    }
    setBox(null);
    setSelection(indices.length ? summarise(indices) : null);
  };

  const summarise = (indices: number[]): Selection => {
    const mean = new Float32Array(IMAGE_PIXELS);
    const tally = new Array(10).fill(0);
    const withPixels = props.testImages ? indices.filter((i) => i < testCount) : [];
    for (const i of indices) tally[points!.labels[i]]++;
    if (withPixels.length) {
      for (const i of withPixels) {
        for (let p = 0; p < IMAGE_PIXELS; p++) {
          mean[p] += props.testImages![i * IMAGE_PIXELS + p] / 255 / withPixels.length;
        }
      }
    } else if (model) {
      // Training points have no pixels here: the mean of their latents, decoded.
      const size = props.latentSize, latent = new Float32Array(size);
      for (const i of indices) {
        for (let j = 0; j < size; j++) {
          latent[j] += points!.latents[i * size + j] / indices.length;
        }
      }
      mean.set(model.decode(latent));
    }
    const p = model ? model.judge(mean) : new Float32Array(10);
    const read = argmax(p);
    const counts = tally.map((n, d) => [d, n] as [number, number]).filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    return { indices, mean, read, p: p[read], counts };
  };

  const at = props.marker?.positions[projection];
  const marker = at && scaling
    ? toPixels((at[0] - scaling.cx) / scaling.half, (at[1] - scaling.cy) / scaling.half)
    : null;
  return (
    <>
      <svg
        ref={layer}
        class={`map-overlay mode-${mode}`}
        data-testid="map-overlay"
        data-ready={model && mapIndex ? "true" : undefined}
        onPointerMove={onMove}
        onPointerDown={onDown}
        onPointerUp={onUp}
        onPointerLeave={() => setDecoded(null)}
      >
        {marker && (
          <g
            class="drawn-marker"
            data-testid="drawn-marker"
            data-xy={marker.map((v) => v.toFixed(1)).join(",")}
          >
            <circle cx={marker[0]} cy={marker[1]} r={9} />
            <circle cx={marker[0]} cy={marker[1]} r={3} />
          </g>
        )}
        {lasso && <polyline class="select-box" points={lasso.map((p) => p.join(",")).join(" ")} />}
        {box && (
          <rect
            class="select-box"
            x={Math.min(box.x0, box.x1)}
            y={Math.min(box.y0, box.y1)}
            width={Math.abs(box.x1 - box.x0)}
            height={Math.abs(box.y1 - box.y0)}
          />
        )}
      </svg>
      <div class="overlay-modes" role="toolbar" aria-label="Map mode" ref={modesRef}>
        {MODES.map((
          [m, label],
        ) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            data-mode={m}
            onClick={() => {
              setMode(m);
              setDecoded(null);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {mode === "decode" && decoded && (
        <div
          class="tooltip decode-card"
          data-testid="decode-card"
          style={{ left: `${decoded.x + 14}px`, top: `${decoded.y + 14}px` }}
        >
          <DigitCanvas image={decoded.image} size={56} label="digit decoded here" />
          <span>reads {names[decoded.read]} {Math.round(decoded.p * 100)}%</span>
        </div>
      )}
      {selection && (
        <div class="selection-panel" data-testid="selection" data-count={selection.indices.length}>
          <DigitCanvas image={selection.mean} size={56} label="mean image of the selection" />
          <div>
            <strong>{selection.indices.length} selected</strong>
            <span>
              {selection.counts.slice(0, 3).map(([d, n]) =>
                `${names[d]}: ${n}`
              ).join(" · ")}
            </span>
            <span>mean reads {names[selection.read]} {Math.round(selection.p * 100)}%</span>
            <button
              type="button"
              onClick={() =>
                setSelection(null)}
            >
              Clear
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** Even-odd rule: whether `point` lies inside the closed polygon. */
function insidePolygon([x, y]: [number, number], polygon: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i], [xj, yj] = polygon[j];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
