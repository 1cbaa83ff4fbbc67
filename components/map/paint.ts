/**
 * Paints the map onto its canvas: the points straight into a pixel buffer,
 * then the centroids, the path's ends, the path and its handle.
 */
import { DIGIT_COLORS } from "../explorer/colors.ts";
import { deviceAffine, type Frame, toScreen, type Transform } from "./geometry.ts";

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

/** Colours with every digit but `shown` faded. */
function packedFor(shown: readonly number[]): Uint32Array {
  return Uint32Array.from(DIGIT_COLORS, (c, d) => pack(c, shown.includes(d) ? 1 : 0.13));
}

/** What one paint needs. */
export interface Scene {
  frame: Frame;
  dpr: number;
  transform: Transform;
  /** Point positions in data units [n * 2] and their digits, or null while loading. */
  pos: Float32Array | null;
  labels: Uint8Array | null;
  /** The digits' centres in data units [10 * 2], or null. */
  centres: Float32Array | null;
  /** A digit to bring forward, or several (the class filter), or null. */
  highlight: number | readonly number[] | null;
  /** The path's ends, its placed steps and the handle on screen (CSS pixels). */
  a: [number, number] | null;
  b: [number, number] | null;
  path: [number, number][] | null;
  handle: [number, number] | null;
}

/** Paints `scene`; `pixels` is a reusable buffer (reallocated when the canvas size changes). */
export function paintMap(
  canvas: HTMLCanvasElement,
  scene: Scene,
  pixels: ImageData | null,
): ImageData | null {
  const { frame, dpr, transform, pos, labels, centres, a, b } = scene;
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, frame.w, frame.h);
  if (pos && labels) pixels = paintPoints(ctx, canvas, scene, pos, labels, pixels);
  if (centres) {
    ctx.font = "600 12px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (let d = 0; d < 10; d++) {
      const [x, y] = toScreen(frame, transform, centres[2 * d], centres[2 * d + 1]);
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
  const { path, handle } = scene;
  if (path && path.length > 1) {
    ctx.beginPath();
    ctx.moveTo(path[0][0], path[0][1]);
    for (let s = 1; s < path.length; s++) ctx.lineTo(path[s][0], path[s][1]);
    ctx.lineJoin = "round";
    ctx.lineWidth = 6;
    ctx.strokeStyle = "rgba(0,0,0,0.55)";
    ctx.stroke();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.stroke();
  }
  if (handle) {
    const [hx, hy] = handle;
    ctx.beginPath();
    ctx.arc(hx, hy, 9, 0, Math.PI * 2);
    ctx.fillStyle = "#ffd166";
    ctx.fill();
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#0e1117";
    ctx.stroke();
  }
  return pixels;
}

// Points go straight into a pixel buffer: at 70,000 points this is several
// times faster than fillRect. Index order is random, so no digit always wins overlaps.
function paintPoints(
  ctx: CanvasRenderingContext2D,
  canvas: HTMLCanvasElement,
  scene: Scene,
  pos: Float32Array,
  labels: Uint8Array,
  pixels: ImageData | null,
): ImageData {
  const { ax, ay, bx, by } = deviceAffine(scene.frame, scene.transform, scene.dpr);
  const size = Math.max(
    1,
    Math.round(
      Math.min(4, 1.25 * Math.sqrt(scene.transform.k) * (labels.length > 20000 ? 0.8 : 1)) *
        scene.dpr,
    ),
  );
  const W = canvas.width;
  const H = canvas.height;
  if (!pixels || pixels.width !== W || pixels.height !== H) pixels = new ImageData(W, H);
  const buffer = new Uint32Array(pixels.data.buffer);
  buffer.fill(0);
  const colours = scene.highlight === null
    ? PACKED
    : typeof scene.highlight === "number"
    ? PACKED_DIM[scene.highlight]
    : packedFor(scene.highlight);
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
  ctx.putImageData(pixels, 0, 0);
  return pixels;
}
