import { useEffect, useRef, useState } from "preact/hooks";
import { DigitCanvas } from "./DigitCanvas.tsx";
import { prepareDigit } from "../../lib/image/prepare_digit.ts";
import type { LumaImage } from "../../lib/image/luma_image.ts";
import { canvasLuma, fileLuma } from "./browser_image.ts";
import { argmax, type DigitModel, type DrawnDigit } from "./explore_types.ts";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";

/** Props of `DrawPanel`. */
export interface DrawPanelProps {
  model: DigitModel | null;
  /** One latent per class, to find the partner when muddling. */
  centroids: number[][];
  names: string[];
  /** The encoded digit (null when cleared): the explorer marks it on the map. */
  onDrawn(digit: DrawnDigit | null): void;
  /** Sets the path: the drawn digit's latent as its start, towards `to` (none: pick it next). */
  onPath(
    from: { kind: "latent"; latent: number[] },
    to: { kind: "centroid"; digit: number } | null,
    t: number,
  ): void;
  /** Encodes a prepared image in the browser; when absent or it answers null, /api/encode does. */
  encodeHere: ((image: Float32Array) => DrawnDigit | null) | null;
  /** Renders the neighbours of the encoded digit. */
  renderNeighbors(digit: DrawnDigit): preact.ComponentChildren;
}

/** Canvas side in pixels; strokes are scaled down to 28x28 by the preparation. */
const SIDE = 168;

/** What "Muddle this digit" found: the split point on the path towards the partner. */
interface Muddled {
  partner: number;
  t: number;
  image: Float32Array;
  pDigit: number;
  pPartner: number;
}

/**
 * Draw a digit with a mouse, finger or pen, or drop a PNG or JPEG: it is
 * prepared as MNIST's digits were, encoded by /api/encode, shown with the
 * judge's reading, its reconstruction and its neighbours, and can be muddled
 * (the point on the path towards the nearest other class's centroid where
 * the judge is most split).
 */
export function DrawPanel(props: DrawPanelProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState<DrawnDigit | null>(null);
  const [muddled, setMuddled] = useState<Muddled | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clearCanvas = () => {
    const ctx = canvasRef.current!.getContext("2d")!;
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, SIDE, SIDE);
  };
  useEffect(clearCanvas, []);

  const encode = async (luma: LumaImage) => {
    setError(null);
    setMuddled(null);
    let image: Float32Array;
    try {
      image = prepareDigit(luma);
    } catch (e) {
      return setError((e as Error).message);
    }
    const here = props.encodeHere?.(image);
    if (here) {
      setDrawn(here);
      return props.onDrawn(here);
    }
    setBusy(true);
    try {
      const res = await fetch("/api/encode", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ image: Array.from(image, (v) => Math.round(v * 1e4) / 1e4) }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      const digit: DrawnDigit = {
        latent: body.latent,
        positions: body.positions,
        image: body.image,
        reconstruction: body.reconstruction,
        probabilities: body.judge.probabilities,
        neighbors: body.neighbors,
      };
      setDrawn(digit);
      props.onDrawn(digit);
    } catch (e) {
      setError(`Could not encode the digit: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const at = (e: PointerEvent): { x: number; y: number } => {
    const box = canvasRef.current!.getBoundingClientRect();
    return {
      x: (e.clientX - box.left) * SIDE / box.width,
      y: (e.clientY - box.top) * SIDE / box.height,
    };
  };
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvasRef.current!.getContext("2d")!;
    Object.assign(ctx, { strokeStyle: "#fff", lineWidth: 13, lineCap: "round", lineJoin: "round" });
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  const onDown = (e: PointerEvent) => {
    (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
    drawing.current = at(e);
    stroke(drawing.current, drawing.current);
  };
  const onMove = (e: PointerEvent) => {
    if (!drawing.current) return;
    const next = at(e);
    stroke(drawing.current, next);
    drawing.current = next;
  };
  const onUp = () => {
    if (!drawing.current) return;
    drawing.current = null;
    encode(canvasLuma(canvasRef.current!));
  };
  const clear = () => {
    clearCanvas();
    setDrawn(null);
    setMuddled(null);
    setError(null);
    props.onDrawn(null);
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await encode(await fileLuma(file));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const muddle = () => {
    const model = props.model;
    if (!drawn || !model) return;
    const digit = argmax(drawn.probabilities);
    let partner = -1, best = Infinity;
    props.centroids.forEach((c, d) => {
      if (d === digit) return;
      const dist = c.reduce((s, v, j) => s + (v - drawn.latent[j]) ** 2, 0);
      if (dist < best) [best, partner] = [dist, d];
    });
    const steps = 41, size = drawn.latent.length;
    const latents = new Float32Array(steps * size);
    for (let s = 0; s < steps; s++) {
      for (let j = 0; j < size; j++) {
        latents[s * size + j] = drawn.latent[j] +
          (props.centroids[partner][j] - drawn.latent[j]) * s / (steps - 1);
      }
    }
    const images = model.decode(latents);
    const p = model.judge(images);
    let split = 0, score = -1;
    for (let s = 0; s < steps; s++) {
      const m = Math.min(p[s * 10 + digit], p[s * 10 + partner]);
      if (m > score) [split, score] = [s, m];
    }
    // The path on the map too, with the handle at the split, as for a test image.
    props.onPath(
      { kind: "latent", latent: drawn.latent },
      { kind: "centroid", digit: partner },
      split / (steps - 1),
    );
    setMuddled({
      partner,
      t: split / (steps - 1),
      image: images.slice(split * IMAGE_PIXELS, (split + 1) * IMAGE_PIXELS),
      pDigit: p[split * 10 + digit],
      pPartner: p[split * 10 + partner],
    });
  };

  const names = props.names;
  const read = drawn ? argmax(drawn.probabilities) : null;
  return (
    <section
      class="panel draw-panel"
      aria-label="Your own digit"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onFile(e.dataTransfer?.files[0]);
      }}
    >
      <h2>Your own digit</h2>
      <p class="hint">Draw with a mouse, finger or pen, or drop a PNG or JPEG here.</p>
      <div class="draw-row">
        <canvas
          ref={canvasRef}
          width={SIDE}
          height={SIDE}
          class="draw-canvas"
          data-testid="draw-canvas"
          aria-label="Drawing area: draw one digit"
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={onUp}
        />
        <div class="draw-result">
          <div class="digit-pair">
            <DigitCanvas
              image={drawn?.image ?? null}
              size={56}
              label="prepared 28x28 digit"
              testId="drawn-prepared"
            />
            <DigitCanvas
              image={drawn?.reconstruction ?? null}
              size={56}
              label="its reconstruction"
            />
          </div>
          <p class="draw-reading" data-testid="drawn-reading" aria-live="polite">
            {busy
              ? "Encoding…"
              : drawn && read !== null
              ? `Reads as ${names[read]} (${Math.round(drawn.probabilities[read] * 100)}%).`
              : "Nothing drawn yet."}
          </p>
          <div class="draw-actions">
            <button type="button" onClick={clear}>Clear</button>
            <label class="file-button">
              Upload…
              <input
                type="file"
                accept="image/png,image/jpeg"
                data-testid="draw-file"
                onChange={(e) => onFile((e.currentTarget as HTMLInputElement).files?.[0])}
              />
            </label>
            <button
              type="button"
              onClick={() =>
                drawn && props.onPath({ kind: "latent", latent: drawn.latent }, null, 0.5)}
              disabled={!drawn}
              data-testid="path-from-drawn"
            >
              Path from it
            </button>
            <button
              type="button"
              onClick={muddle}
              disabled={!drawn || !props.model}
              data-testid="muddle-drawn"
            >
              Muddle this digit
            </button>
          </div>
        </div>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {muddled && read !== null && (
        <div class="muddled" data-testid="drawn-muddled">
          <DigitCanvas image={muddled.image} size={56} label="your digit, muddled" />
          <p>
            Towards {names[muddled.partner]}, at t = {muddled.t.toFixed(2)}: the judge reads{" "}
            {names[read]} {Math.round(muddled.pDigit * 100)}% and {names[muddled.partner]}{" "}
            {Math.round(muddled.pPartner * 100)}%.
          </p>
        </div>
      )}
      {drawn && props.renderNeighbors(drawn)}
    </section>
  );
}
