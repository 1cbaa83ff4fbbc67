import { useRef } from "preact/hooks";
import { DIGIT_COLORS } from "./colors.ts";
import { useRovingFocus } from "./use_roving_focus.ts";
import { className } from "./class_name.ts";

/** Props of `MapToolbar`. */
export interface MapToolbarProps {
  projection: "pca" | "umap";
  set: "test" | "all";
  /** Points in the "all" set, for its label. */
  allCount: number;
  /** Whether the model ships the training points. */
  canShowAll: boolean;
  onProjection(projection: "pca" | "umap"): void;
  onSet(set: "test" | "all"): void;
  /** Zoom by a factor; 0 resets. */
  onZoom(factor: number): void;
  /** Pan one step: dx, dy are -1, 0 or 1 (1: show more of the right / bottom). */
  onPan(dx: number, dy: number): void;
  /** Bring a digit forward on the map (null: none). */
  onHighlight(digit: number | null): void;
  /** Use a digit's centroid as a path end. */
  onPickDigit(digit: number): void;
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
}

/** The pan buttons: arrow, accessible name, key, direction. */
const PANS = [
  ["←", "Pan left", "A", -1, 0],
  ["↑", "Pan up", "W", 0, -1],
  ["→", "Pan right", "D", 1, 0],
  ["↓", "Pan down", "S", 0, 1],
] as const;

/**
 * The controls above the map: projection, point set, zoom, pan, and the
 * legend, whose digits pick ends.
 */
export function MapToolbar(props: MapToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  useRovingFocus(ref);
  return (
    <div ref={ref} class="toolbar" role="toolbar" aria-label="Map controls (arrow keys move along)">
      <div class="seg" role="group" aria-label="Projection">
        {(["umap", "pca"] as const).map((proj) => (
          <button
            key={proj}
            type="button"
            aria-pressed={props.projection === proj}
            onClick={() => props.onProjection(proj)}
          >
            {proj.toUpperCase()}
          </button>
        ))}
      </div>
      <div class="seg" role="group" aria-label="Points shown">
        <button
          type="button"
          aria-pressed={props.set === "test"}
          onClick={() =>
            props.onSet("test")}
        >
          10k test
        </button>
        <button
          type="button"
          aria-pressed={props.set === "all"}
          disabled={!props.canShowAll}
          onClick={() =>
            props.onSet("all")}
        >
          all {Math.round(props.allCount / 1000)}k
        </button>
      </div>
      <div class="seg" role="group" aria-label="Zoom">
        <button
          type="button"
          aria-label="Zoom in"
          onClick={() =>
            props.onZoom(1.5)}
        >
          +
        </button>
        <button
          type="button"
          aria-label="Zoom out"
          onClick={() =>
            props.onZoom(1 / 1.5)}
        >
          −
        </button>
        <button type="button" aria-label="Reset zoom" onClick={() => props.onZoom(0)}>⟲</button>
      </div>
      <div class="seg" role="group" aria-label="Pan">
        {PANS.map(([arrow, label, key, dx, dy]) => (
          <button
            key={label}
            type="button"
            aria-label={label}
            title={`${label} (${key})`}
            onClick={() => props.onPan(dx, dy)}
          >
            {arrow}
          </button>
        ))}
      </div>
      <ul
        class={props.names ? "legend named" : "legend"}
        aria-label={`${props.names ? "Classes" : "Digits"}: choose one as a path end`}
      >
        {DIGIT_COLORS.map((color, d) => (
          <li key={d}>
            <button
              type="button"
              style={{ "--c": color }}
              onMouseEnter={() => props.onHighlight(d)}
              onMouseLeave={() => props.onHighlight(null)}
              onFocus={() => props.onHighlight(d)}
              onBlur={() => props.onHighlight(null)}
              onClick={() => props.onPickDigit(d)}
              aria-label={`Use the centroid of ${className(props.names, d)} as a path end`}
            >
              {className(props.names, d)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
