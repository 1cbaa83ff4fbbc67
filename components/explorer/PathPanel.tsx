import { DIGIT_COLORS } from "./colors.ts";
import { DigitCanvas } from "./DigitCanvas.tsx";
import { type EndRef, formatEnd } from "./url_state.ts";
import { className } from "./class_name.ts";

/** Props of `PathPanel`. */
export interface PathPanelProps {
  a: EndRef | null;
  b: EndRef | null;
  t: number;
  /** The digit under the handle and the judge's probabilities for it. */
  image: Float32Array | null;
  probabilities: Float32Array | null;
  /** What the live region says (t and the judge's split). */
  readout: string;
  /** t of the farthest output and of the most split step, once known. */
  farthestT: number | null;
  splitT: number | null;
  /** Label of the GIF button while it works, else null. */
  busy: string | null;
  problem: string | null;
  onEnd(key: "a" | "b", end: EndRef | null): void;
  onSwap(): void;
  onT(t: number): void;
  onExportPng(): void;
  onExportGif(): void;
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
}

const endName = (end: EndRef, names?: string[]) =>
  end.kind === "centroid"
    ? names ? className(names, end.digit) : `centroid ${end.digit}`
    : end.kind === "latent"
    ? "your digit"
    : `image ${end.index}`;

function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}

/**
 * The side panel: the two ends, the digit under the handle with the judge's
 * top readings, the t slider and live readout, jumps and exports.
 */
export function PathPanel(props: PathPanelProps) {
  const { a, b, t, probabilities } = props;
  const top = probabilities
    ? Array.from(probabilities, (v, d) => [d, v]).sort((x, y) => y[1] - x[1]).slice(0, 3)
    : [];
  return (
    <section class="panel handle-panel" aria-labelledby="path-title">
      <h2 id="path-title">Path</h2>
      <div class="ends">
        <EndSelect
          label="From"
          names={props.names}
          value={a}
          onChange={(end) => props.onEnd("a", end)}
        />
        <EndSelect
          label="To"
          names={props.names}
          value={b}
          onChange={(end) => props.onEnd("b", end)}
        />
        <button
          type="button"
          class="swap"
          disabled={!(a && b)}
          onClick={props.onSwap}
          aria-label="Swap the ends"
          title="Swap the ends"
        >
          ⇄
        </button>
      </div>
      <div class="current">
        <DigitCanvas
          image={props.image}
          size={168}
          label={props.readout}
          testId="current-digit"
          class="big"
        />
        <div class="judge">
          <h3>The judge reads</h3>
          <p class="explain">
            The judge: two classifiers trained on MNIST (a CNN and a pixel MLP), averaged.
          </p>
          {top.length
            ? (
              <ul class="bars">
                {top.map(([d, v]) => (
                  <li key={d}>
                    <span class="d">{className(props.names, d)}</span>
                    <span class="bar">
                      <span style={{ width: pct(v), background: DIGIT_COLORS[d] }} />
                    </span>
                    <span class="v">{pct(v)}</span>
                  </li>
                ))}
              </ul>
            )
            : <p class="hint">—</p>}
        </div>
      </div>
      <label class="slider">
        <span>
          t = <span data-testid="t-value">{t.toFixed(2)}</span>
        </span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.005}
          value={t}
          disabled={!(a && b)}
          onInput={(e) => props.onT(Number((e.target as HTMLInputElement).value))}
          aria-label="Position along the path"
          aria-valuetext={a && b
            ? `t = ${t.toFixed(2)}, from ${endName(a, props.names)} (t = 0) to ${
              endName(b, props.names)
            } (t = 1)`
            : "no path yet"}
        />
      </label>
      <p class="explain">
        t = 0 is A, t = 1 is B; in between, the decoder draws the latent that far along the straight
        line from A's latent to B's.
      </p>
      <p class="live" aria-live="polite" data-testid="live">{props.readout}</p>
      <div class="buttons">
        <button
          type="button"
          disabled={props.farthestT === null}
          onClick={() => props.farthestT !== null && props.onT(props.farthestT)}
        >
          Jump to farthest
        </button>
        <button
          type="button"
          disabled={props.splitT === null}
          onClick={() => props.splitT !== null && props.onT(props.splitT)}
        >
          Jump to most split
        </button>
      </div>
      <p class="explain">
        Farthest (F): the output least like both ends' digits. Most split (S): where the judge gives
        the two end digits the most even shares.
      </p>
      <div class="buttons">
        <button
          type="button"
          disabled={!props.image}
          onClick={props.onExportPng}
          data-testid="export-png"
        >
          Export PNG
        </button>
        <button
          type="button"
          disabled={props.farthestT === null || props.busy !== null}
          onClick={props.onExportGif}
          data-testid="export-gif"
        >
          {props.busy ?? "Export GIF"}
        </button>
      </div>
      {props.problem && <p class="error" role="alert">{props.problem}</p>}
    </section>
  );
}

/** A keyboard-friendly way to set an end: any centroid, or the point picked on the map. */
function EndSelect(
  { label, value, onChange, names }: {
    label: string;
    names?: string[];
    value: EndRef | null;
    onChange(end: EndRef | null): void;
  },
) {
  const current = value ? formatEnd(value) : "";
  return (
    <label class="end">
      <span>{label}</span>
      <select
        value={current}
        onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          onChange(
            v === ""
              ? null
              : v[0] === "c"
              ? { kind: "centroid", digit: Number(v.slice(1)) }
              : value,
          );
        }}
      >
        <option value="">— pick —</option>
        {Array.from(
          { length: 10 },
          (_, d) => (
            <option key={d} value={`c${d}`}>
              {endName({ kind: "centroid", digit: d }, names)}
            </option>
          ),
        )}
        {value?.kind === "image" && <option value={current}>image #{value.index}</option>}
        {value?.kind === "latent" && <option value={current}>your digit</option>}
      </select>
    </label>
  );
}
