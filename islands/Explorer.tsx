import { useCallback, useMemo, useState } from "preact/hooks";
import { AlongPath } from "../components/explorer/AlongPath.tsx";
import { keyAction, PAN_SMALL } from "../components/explorer/explorer_keys.ts";
import { DigitCanvas } from "../components/explorer/DigitCanvas.tsx";
import { HoverCard } from "../components/explorer/HoverCard.tsx";
import { LinkNotes } from "../components/explorer/LinkNotes.tsx";
import { PickChooser } from "../components/explorer/PickChooser.tsx";
import { readoutOf } from "../components/explorer/readout.ts";
import { useExports } from "../components/explorer/use_exports.ts";
import { useHoverImages } from "../components/explorer/use_hover_images.ts";
import { MapToolbar } from "../components/explorer/MapToolbar.tsx";
import { MuddlePanel } from "../components/explorer/MuddlePanel.tsx";
import { MuddleThis } from "../components/explorer/MuddleThis.tsx";
import { useMuddlePoint } from "../components/explorer/use_muddle_point.ts";
import { PathPanel } from "../components/explorer/PathPanel.tsx";
import { type CentreState, type EndRef, type ViewState } from "../components/explorer/url_state.ts";
import { useExplorerData } from "../components/explorer/use_explorer_data.ts";
import { usePathDecoding } from "../components/explorer/use_path_decoding.ts";
import { useUrlView } from "../components/explorer/use_url_view.ts";
import { cardFlips, useStickyHover } from "../components/explorer/use_sticky_hover.ts";
import { useMapMarks, usePlacer } from "../components/explorer/use_map_marks.ts";
import { MapView } from "../components/map/MapView.tsx";
import { interpolate, latentOf } from "../lib/muddle/mod.ts";
import { ExploreTools } from "../components/explorer/ExploreTools.tsx";
import { MapOverlay } from "../components/explorer/MapOverlay.tsx";
import { argmax, type DrawnDigit } from "../components/explorer/explore_types.ts";

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
  /** Names of classes 0-9 when the model was trained with --classes. */
  classNames?: string[];
}

/**
 * The latent-space explorer: a map of every test latent, a path between two
 * picked ends with a draggable handle decoded live in the browser, the strip
 * and judge chart along the path, "Muddle me", exports, and the view in the URL.
 */
export default function Explorer(props: ExplorerProps) {
  const measure = useMemo(() => new URLSearchParams(props.query).get("perf") === "1", [
    props.query,
  ]);
  const { view, dispatch, notes, setNotes } = useUrlView(props.query, {
    testCount: props.testCount,
    trainCount: props.trainCount,
  }, measure);
  const { points, model, testImages, problem, setProblem } = useExplorerData(
    props.modelBase,
    props.latentSize,
    view.set,
  );
  const { hover, setHover, cardEnter, cardLeave, dismiss } = useStickyHover();
  const [highlight, setHighlight] = useState<number | readonly number[] | null>(null);
  const [zoomStep, setZoomStep] = useState({ factor: 1, seq: 0 });
  const [panStep, setPanStep] = useState({ dx: 0, dy: 0, seq: 0 });
  const { a, b, t } = view;

  const endLatent = useCallback((end: EndRef | null): Float32Array | null => {
    if (!end) return null;
    if (end.kind === "latent") {
      return end.latent.length === props.latentSize ? Float32Array.from(end.latent) : null;
    }
    return latentOf(end, {
      centroids: props.centroids,
      latents: points?.latents ?? new Float32Array(0),
      latentSize: props.latentSize,
    });
  }, [points]);
  const la = useMemo(() => endLatent(a), [a, endLatent]);
  const lb = useMemo(() => endLatent(b), [b, endLatent]);
  // A latent end's digit (a drawn digit's) is the judge's reading of its decoded image.
  const digitOf = (end: EndRef | null, latent: Float32Array | null): number | null =>
    !end
      ? null
      : end.kind === "centroid"
      ? end.digit
      : end.kind === "latent"
      ? (model && latent ? argmax(model.judge(model.decode(latent))) : null)
      : points?.labels[end.index] ?? null;
  const da = useMemo(() => digitOf(a, la), [a, la, points, model]);
  const db = useMemo(() => digitOf(b, lb), [b, lb, points, model]);
  const placer = usePlacer(points, props.latentSize);
  const marks = useMapMarks(placer, props.centroids, la, lb, t);
  const { strip, sweep, current, split } = usePathDecoding(
    model,
    la,
    lb,
    da,
    db,
    t,
    props.steps,
    measure,
  );

  const update = (patch: Partial<ViewState>) => dispatch({ type: "patch", patch });
  const setT = useCallback((value: number) => dispatch({ type: "t", t: value }), []);
  // With a path, a click on the map or the legend only offers the point ("Set as A / B"),
  // so no click loses work.
  const [candidate, setCandidate] = useState<EndRef | null>(null);
  const hasPath = !!(a && b);
  const pick = useCallback((end: EndRef) => {
    if (hasPath) return setCandidate(end);
    setCandidate(null);
    dispatch({ type: "pick", end });
  }, [hasPath]);
  const setEnd = (key: "a" | "b", end: EndRef | null) => {
    setCandidate(null);
    dispatch({ type: "end", key, end });
  };
  const onZoom = useCallback((centre: CentreState) => update({ centre, zoom: null }), []);
  const zoomBy = (factor: number) => setZoomStep((z) => ({ factor, seq: z.seq + 1 }));
  // Pan by a share of the map's width (dx) and height (dy).
  const panBy = (dx: number, dy: number) => setPanStep((p) => ({ dx, dy, seq: p.seq + 1 }));
  const explore = useCallback(
    (from: EndRef, to: EndRef, at: number) => update({ set: "test", a: from, b: to, t: at }),
    [],
  );

  const [initialMuddle] = useState(view.muddle);
  const point = useMuddlePoint(explore);
  const onMuddle = useCallback(
    (digit: number, seed: number) => update({ muddle: { digit, seed } }),
    [],
  );

  const onKey = (e: KeyboardEvent) => {
    const action = keyAction(e, { t, hasPath: !!(a && b), setT, zoomBy, panBy });
    if (!action) return;
    e.preventDefault();
    action();
  };

  const { busy, exportPng, exportGif } = useExports(
    model,
    { a, b, la, lb },
    t,
    current?.image ?? null,
    setProblem,
  );
  const fresh = current !== null && current.ends[0] === la && current.ends[1] === lb;
  const readout = readoutOf(a, b, da, db, current && { ...current, fresh }, props.classNames);
  // The test image the user picked: the point offered for an end, or the start without an end.
  const selectedIndex = candidate?.kind === "image"
    ? candidate.index
    : a?.kind === "image" && !b
    ? a.index
    : null;
  const selected = points && selectedIndex !== null && selectedIndex < points.testCount
    ? { index: selectedIndex, digit: points.labels[selectedIndex] }
    : null;
  // Your own digit, neighbours, decode anywhere, search and selection (components/explorer/).
  const [drawn, setDrawn] = useState<DrawnDigit | null>(null);
  const names = props.classNames ?? Array.from({ length: 10 }, (_, d) => String(d));
  const handleLatent = useMemo(() => la && lb ? interpolate(la, lb, [t]) : null, [la, lb, t]);
  // Where a latent lies on both maps in raw units, as /api/encode answers (the placer works in
  // the map's data units: raw = centre + data * half).
  const place = useMemo(() =>
    placer && points
      ? (latent: ArrayLike<number>) => {
        const l = Float32Array.from(latent);
        const raw = (xy: Float32Array, s: { cx: number; cy: number; half: number }) =>
          [s.cx + xy[0] * s.half, s.cy + xy[1] * s.half] as [number, number];
        return {
          pca: raw(placer.pca(l), points.scaling.pca),
          umap: raw(placer.umap(l), points.scaling.umap),
        };
      }
      : null, [placer, points]);
  const hoverImages = useHoverImages(
    hover?.index ?? null,
    points,
    testImages,
    model,
    props.latentSize,
  );

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
          onSet={(set) => dispatch({ type: "set", set, testCount: props.testCount })}
          onZoom={zoomBy}
          onPan={(dx, dy) => panBy(dx * PAN_SMALL, dy * PAN_SMALL)}
          onHighlight={setHighlight}
          onPickDigit={(digit) => pick({ kind: "centroid", digit })}
          names={props.classNames}
        />
        {points && !hasPath && (
          <p class="map-hint above">
            {a
              ? "Now click the other end (B)."
              : "Click a centroid (the numbered circles) or any point to set the path's start (A)."}
          </p>
        )}
        <div class="map-wrap" data-testid="map">
          <MapView
            points={points}
            projection={view.projection}
            a={a}
            b={b}
            t={t}
            marks={marks}
            highlight={highlight}
            initialCentre={view.centre}
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
          {current && hasPath && (
            <DigitCanvas image={current.image} size={72} label="" class="map-digit" />
          )}
          {candidate && hasPath && (
            <PickChooser
              end={candidate}
              onSet={setEnd}
              onDismiss={() => setCandidate(null)}
              names={props.classNames}
            />
          )}
          <LinkNotes notes={notes} onDismiss={() => setNotes([])} />
          <MapOverlay
            points={points}
            model={model}
            testImages={testImages}
            projection={view.projection}
            centre={view.centre}
            zoom={view.zoom}
            latentSize={props.latentSize}
            names={names}
            marker={drawn}
          />
          {hover && points && (
            <HoverCard
              x={hover.x}
              y={hover.y}
              {...cardFlips(hover)}
              index={hover.index}
              digit={points.labels[hover.index]}
              isTest={hover.index < points.testCount}
              real={hoverImages.real}
              decoded={hoverImages.decoded}
              names={props.classNames}
              onMuddle={() => {
                dismiss();
                point.muddle(hover.index);
              }}
              onEnter={cardEnter}
              onLeave={cardLeave}
            />
          )}
        </div>
        <AlongPath
          strip={strip}
          sweep={sweep}
          split={split}
          da={da}
          db={db}
          hasPath={!!(a && b)}
          t={t}
          onT={setT}
          names={props.classNames}
        />
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
          onEnd={setEnd}
          onSwap={() => dispatch({ type: "swap" })}
          onT={setT}
          onExportPng={exportPng}
          onExportGif={exportGif}
          names={props.classNames}
        />
        <MuddleThis
          selected={selected}
          state={point.state}
          names={props.classNames}
          onMuddle={point.muddle}
        />
        <ExploreTools
          points={points}
          model={model}
          testImages={testImages}
          latentSize={props.latentSize}
          centroids={props.centroids}
          names={names}
          handle={handleLatent}
          anchor={a?.kind === "image" && !b ? a.index : null}
          measure={measure}
          onSelect={(index) => pick({ kind: "image", index })}
          onFilter={setHighlight}
          onDrawn={setDrawn}
          onPath={(from, to, at) => update({ a: from, b: to, t: at })}
          place={place}
        />
        <MuddlePanel
          testImages={testImages}
          initial={initialMuddle}
          onRun={onMuddle}
          onExplore={explore}
          names={props.classNames}
        />
        <p class="hint keys">
          Keys: ← → move the handle (Shift for big steps), Home/End jump to the ends, + − zoom, W A
          S D pan.
          {model ? ` Decoding on ${model.backend}.` : ""}
        </p>
      </aside>
    </div>
  );
}
