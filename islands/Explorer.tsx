import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { BrowserModel, Sweep } from "./_explorer/browser_model.ts";
import { loadPoints, loadTestImages, type PointSet } from "./_explorer/data.ts";
import { HoverCard } from "../components/explorer/HoverCard.tsx";
import { MapToolbar } from "../components/explorer/MapToolbar.tsx";
import { PathPanel } from "../components/explorer/PathPanel.tsx";
import { digitPng, download, sweepGif } from "../components/explorer/export_image.ts";
import { type Hover, MapView } from "../components/map/MapView.tsx";
import { MuddlePanel } from "../components/explorer/MuddlePanel.tsx";
import { ProbChart } from "../components/explorer/ProbChart.tsx";
import { stepT } from "../components/explorer/step_t.ts";
import { Strip } from "../components/explorer/Strip.tsx";
import {
  type EndRef,
  formatEnd,
  formatView,
  parseView,
  type ViewState,
} from "../components/explorer/url_state.ts";
import { interpolate, latentOf, linspace, mostSplitStep } from "../lib/muddle/mod.ts";

/** Steps of the chart's sweep: fine enough for smooth curves and precise marks. */
const CHART_STEPS = 61;
/** A pan step from the buttons or W A S D, and with Shift: shares of the map's size. */
const PAN_SMALL = 0.15;
const PAN_BIG = 0.5;

/** Props of the explorer island (JSON, from routes/index.tsx). */
export interface ExplorerProps {
  /** URL of the model folder, ending in "/". */
  modelBase: string;
  latentSize: number;
  testCount: number;
  trainCount: number;
  /** One latent per digit. */
  centroids: number[][];
  /** The request's query string, so the server renders the same view the browser starts in. */
  query: string;
  /** Steps of the strip. */
  steps: number;
}

/** What the handle shows: the decoded digit at t and the judge's reading. */
interface Current {
  image: Float32Array;
  probabilities: Float32Array;
}

const LABEL = (end: EndRef) =>
  end.kind === "centroid" ? `centroid ${end.digit}` : `image #${end.index}`;

/**
 * The latent-space explorer: a map of every test latent, a path between two
 * picked ends with a draggable handle decoded live in the browser, the strip
 * and judge chart along the path, "Muddle me", exports, and the view in the URL.
 */
export default function Explorer(props: ExplorerProps) {
  const [view, setView] = useState<ViewState>(() =>
    parseView(new URLSearchParams(props.query), props.testCount + props.trainCount)
  );
  const [points, setPoints] = useState<PointSet | null>(null);
  const [model, setModel] = useState<BrowserModel | null>(null);
  const [testImages, setTestImages] = useState<Uint8Array | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [zoomStep, setZoomStep] = useState({ factor: 1, seq: 0 });
  const [panStep, setPanStep] = useState({ dx: 0, dy: 0, seq: 0 });
  const [strip, setStrip] = useState<{ ts: number[]; images: Float32Array } | null>(null);
  const [sweep, setSweep] = useState<Sweep | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const measure = useMemo(() => new URLSearchParams(props.query).get("perf") === "1", [
    props.query,
  ]);
  const { a, b, t } = view;

  // Points for the chosen set (10k or 70k).
  useEffect(() => {
    const abort = new AbortController();
    loadPoints(props.modelBase, view.set, abort.signal).then(setPoints).catch((e) => {
      if (!abort.signal.aborted) setProblem(`Could not load the map: ${e.message}`);
    });
    return () => abort.abort();
  }, [view.set]);

  // The decoder and judges (their own chunk), then the raw test images for tooltips.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { loadBrowserModel } = await import("./_explorer/browser_model.ts");
      const loaded = await loadBrowserModel(props.modelBase, props.latentSize);
      if (cancelled) return;
      setModel(loaded);
      const images = await loadTestImages(props.modelBase);
      if (!cancelled) setTestImages(images);
    })().catch((e) => !cancelled && setProblem(`Could not load the model: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, []);

  // The view lives in the URL (replaceState: dragging must not flood history).
  useEffect(() => {
    const id = setTimeout(() => {
      const params = new URLSearchParams(formatView(view));
      if (measure) params.set("perf", "1");
      const query = params.toString();
      const url = `${location.pathname}${query ? `?${query}` : ""}`;
      if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
    }, 120);
    return () => clearTimeout(id);
  }, [view]);

  const endLatent = useCallback((end: EndRef | null): Float32Array | null =>
    end && latentOf(end, {
      centroids: props.centroids,
      latents: points?.latents ?? new Float32Array(0),
      latentSize: props.latentSize,
    }), [points]);
  const digitOf = (end: EndRef | null): number | null =>
    !end ? null : end.kind === "centroid" ? end.digit : points?.labels[end.index] ?? null;

  const la = useMemo(() => endLatent(a), [a, endLatent]);
  const lb = useMemo(() => endLatent(b), [b, endLatent]);
  const da = digitOf(a);
  const db = digitOf(b);

  // The strip (`steps` decoded digits), then the chart and its marks from a finer
  // sweep, decoded and judged, so the curves are smooth and the marks precise.
  useEffect(() => {
    if (!model || !la || !lb) {
      setStrip(null);
      return setSweep(null);
    }
    const ts = linspace(0, 1, props.steps);
    const started = performance.now();
    const images = model.decode(interpolate(la, lb, ts));
    if (measure) performance.measure("muddle:strip", { start: started, end: performance.now() });
    setStrip({ ts, images });
    const result = model.sweep(la, lb, CHART_STEPS);
    if (measure) {
      const { decode, judge } = result.timings;
      performance.measure("muddle:chart", { start: 0, duration: decode + judge });
    }
    setSweep(result);
  }, [model, la, lb]);

  // The digit under the handle, decoded at most once per frame.
  useEffect(() => {
    if (!model || !la || !lb) return setCurrent(null);
    const frame = requestAnimationFrame(() => {
      const latent = new Float32Array(la.length);
      for (let i = 0; i < la.length; i++) latent[i] = la[i] + (lb[i] - la[i]) * t;
      const started = performance.now();
      const image = model.decode(latent);
      if (measure) performance.measure("muddle:decode", { start: started, end: performance.now() });
      setCurrent({ image, probabilities: model.judge(image) });
    });
    return () => cancelAnimationFrame(frame);
  }, [model, la, lb, t]);

  const split = useMemo(() => {
    if (!sweep || da === null || db === null || da === db) return null;
    return mostSplitStep(sweep.probabilities, sweep.ts.length, da, db);
  }, [sweep, da, db]);

  const update = (patch: Partial<ViewState>) => setView((v) => ({ ...v, ...patch }));
  const setT = useCallback((value: number) => update({ t: Math.min(1, Math.max(0, value)) }), []);
  const pick = useCallback((end: EndRef) => {
    setView((v) => {
      const same = (x: EndRef | null) => x && JSON.stringify(x) === JSON.stringify(end);
      if (!v.a) return { ...v, a: end };
      if (!v.b) return same(v.a) ? v : { ...v, b: end, t: 0.5 };
      return { ...v, a: end, b: null, t: 0.5 };
    });
  }, []);
  const onZoom = useCallback((zoom: ViewState["zoom"]) => update({ zoom }), []);

  // Pan by a share of the map's width (dx) and height (dy).
  const panBy = (dx: number, dy: number) => setPanStep((p) => ({ dx, dy, seq: p.seq + 1 }));

  const onKey = (e: KeyboardEvent) => {
    const tag = (e.target as HTMLElement).tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    const step = e.shiftKey ? 0.1 : 0.01;
    const panShare = e.shiftKey ? PAN_BIG : PAN_SMALL;
    const keys: Record<string, () => void> = {
      ArrowRight: () => setT(stepT(t, step, 1)),
      ArrowUp: () => setT(stepT(t, step, 1)),
      ArrowLeft: () => setT(stepT(t, step, -1)),
      ArrowDown: () => setT(stepT(t, step, -1)),
      Home: () => setT(0),
      End: () => setT(1),
      "+": () => setZoomStep((z) => ({ factor: 1.5, seq: z.seq + 1 })),
      "=": () => setZoomStep((z) => ({ factor: 1.5, seq: z.seq + 1 })),
      "-": () => setZoomStep((z) => ({ factor: 1 / 1.5, seq: z.seq + 1 })),
      // W A S D pan (the arrows already move the handle); Shift pans further.
      w: () => panBy(0, -panShare),
      a: () => panBy(-panShare, 0),
      s: () => panBy(0, panShare),
      d: () => panBy(panShare, 0),
    };
    // Letters match either case (Shift is the big step), but not as Ctrl/Alt/Cmd shortcuts.
    const letter = e.key.length === 1 && /[a-z]/i.test(e.key);
    if (letter && (e.ctrlKey || e.altKey || e.metaKey)) return;
    const action = keys[letter ? e.key.toLowerCase() : e.key];
    if (!action || (e.key.startsWith("Arrow") && !(a && b))) return;
    e.preventDefault();
    action();
  };

  const exportPng = async () => {
    if (!current || !a || !b) return;
    download(
      await digitPng(current.image, 10),
      `muddle-${formatEnd(a)}-${formatEnd(b)}-t${t.toFixed(2)}.png`,
    );
  };
  const exportGif = () => {
    if (!model || !la || !lb || !a || !b) return;
    setBusy("Encoding GIF…");
    const frames = model.sweep(la, lb, 24).images;
    const list = Array.from({ length: 24 }, (_, i) => frames.subarray(i * 784, (i + 1) * 784));
    sweepGif([...list, ...list.slice(1, -1).reverse()], 5, 80).then((bytes) => {
      download(
        new Blob([bytes as BlobPart], { type: "image/gif" }),
        `muddle-${formatEnd(a)}-${formatEnd(b)}.gif`,
      );
    }).catch((e) => setProblem(`GIF export failed: ${e.message}`)).finally(() => setBusy(null));
  };

  const p = current?.probabilities;
  const readout = a && b && p && da !== null && db !== null
    ? `t = ${t.toFixed(2)}. Judge: ${da} at ${pct(p[da])}${
      da !== db ? `, ${db} at ${pct(p[db])}` : ""
    }.`
    : a && !b
    ? `Start set to ${LABEL(a)}. Pick the other end.`
    : "Pick two ends: click a centroid or a point, or use the selects.";
  const hoverIndex = hover?.index ?? null;
  // The hovered point's real image (test images only: training pixels are not shipped)
  // and its reconstruction, computed once per point rather than per pointer move.
  const hoverImages = useMemo(() => {
    if (hoverIndex === null || !points) return { real: null, decoded: null };
    const n = props.latentSize;
    const latent = points.latents.slice(hoverIndex * n, (hoverIndex + 1) * n);
    const real = hoverIndex < points.testCount && testImages
      ? testImages.subarray(hoverIndex * 784, (hoverIndex + 1) * 784)
      : null;
    return { real, decoded: model ? model.decode(latent) : null };
  }, [hoverIndex, points, testImages, model]);
  const explore = useCallback(
    (from: EndRef, to: EndRef, at: number) => update({ set: "test", a: from, b: to, t: at }),
    [],
  );

  const setSet = (set: "test" | "all") =>
    setView((v) => {
      // Training points vanish when going back to the test set; centroid ends stay.
      const keep = (e: EndRef | null) =>
        e && (e.kind === "centroid" || e.index < props.testCount) ? e : null;
      return set === "all" ? { ...v, set } : { ...v, set, a: keep(v.a), b: keep(v.b) };
    });
  const zoomBy = (factor: number) => setZoomStep((z) => ({ factor, seq: z.seq + 1 }));

  return (
    <div
      class="explorer"
      onKeyDown={onKey}
      data-tensors={measure && model ? model.numTensors() : undefined}
    >
      <div class="map-col">
        <MapToolbar
          projection={view.projection}
          set={view.set}
          allCount={props.testCount + props.trainCount}
          canShowAll={props.trainCount > 0}
          onProjection={(projection) => update({ projection })}
          onSet={setSet}
          onZoom={zoomBy}
          onPan={(dx, dy) => panBy(dx * PAN_SMALL, dy * PAN_SMALL)}
          onHighlight={setHighlight}
          onPickDigit={(digit) => pick({ kind: "centroid", digit })}
        />
        <div class="map-wrap" data-testid="map">
          <MapView
            points={points}
            projection={view.projection}
            a={a}
            b={b}
            t={t}
            highlight={highlight}
            initialZoom={view.zoom}
            measure={measure}
            onPick={pick}
            onT={setT}
            onZoom={onZoom}
            onHover={setHover}
            zoomStep={zoomStep}
            panStep={panStep}
          />
          {!points && (
            <p class="map-status">Loading {view.set === "all" ? "70,000" : "10,000"} latents…</p>
          )}
          {points && !(a && b) && (
            <p class="map-hint">
              {a
                ? "Now click the other end."
                : "Click a centroid (the numbered circles) or any point to start a path."}
            </p>
          )}
          {hover && points && (
            <HoverCard
              x={hover.x}
              y={hover.y}
              flipX={hover.x > hover.width - 170}
              flipY={hover.y > hover.height - 130}
              index={hover.index}
              digit={points.labels[hover.index]}
              isTest={hover.index < points.testCount}
              real={hoverImages.real}
              decoded={hoverImages.decoded}
            />
          )}
        </div>
        {strip && sweep && da !== null && db !== null
          ? (
            <>
              <section class="panel strip-panel" aria-label="Decoded digits along the path">
                <Strip
                  ts={strip.ts}
                  images={strip.images}
                  t={t}
                  farthest={nearestStep(strip.ts, sweep.ts[sweep.farthest])}
                  split={split === null ? null : nearestStep(strip.ts, sweep.ts[split])}
                  onT={setT}
                />
              </section>
              <section class="panel chart-panel">
                <ProbChart
                  ts={sweep.ts}
                  probabilities={sweep.probabilities}
                  digits={[da, db]}
                  t={t}
                  farthest={sweep.farthest}
                  split={split}
                  onT={setT}
                />
              </section>
            </>
          )
          : (
            <section class="panel strip-panel empty">
              <p class="hint">
                {a && b
                  ? "Loading the decoder…"
                  : "The decoded digits along your path will appear here, with the judge's reading under them."}
              </p>
            </section>
          )}
      </div>
      <aside class="side">
        <PathPanel
          a={a}
          b={b}
          t={t}
          image={current?.image ?? null}
          probabilities={current?.probabilities ?? null}
          readout={readout}
          farthestT={sweep ? sweep.ts[sweep.farthest] : null}
          splitT={sweep && split !== null ? sweep.ts[split] : null}
          busy={busy}
          problem={problem}
          onEnd={(key, end) => update({ [key]: end })}
          onSwap={() => setView((v) => ({ ...v, a: v.b, b: v.a, t: 1 - v.t }))}
          onT={setT}
          onExportPng={exportPng}
          onExportGif={exportGif}
        />
        <MuddlePanel testImages={testImages} onExplore={explore} />
        <p class="hint keys">
          Keys: ← → move the handle (Shift for big steps), Home/End jump to the ends, + − zoom, W A
          S D pan.
          {model ? ` Decoding on ${model.backend}.` : ""}
        </p>
      </aside>
    </div>
  );
}

/** Index of the value in `ts` nearest to `t`. */
function nearestStep(ts: number[], t: number): number {
  let best = 0;
  ts.forEach((u, i) => {
    if (Math.abs(u - t) < Math.abs(ts[best] - t)) best = i;
  });
  return best;
}

function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}
