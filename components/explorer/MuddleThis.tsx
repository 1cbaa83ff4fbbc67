import { DigitCanvas } from "./DigitCanvas.tsx";
import { className } from "./class_name.ts";
import { verdict } from "./MuddlePanel.tsx";
import type { PointMuddle } from "./use_muddle_point.ts";

/** Props of `MuddleThis`. */
export interface MuddleThisProps {
  /** The selected test image (its index and label), or null. */
  selected: { index: number; digit: number } | null;
  /** The latest "Muddle this digit" run. */
  state: PointMuddle;
  names?: string[];
  onMuddle(index: number): void;
}

/**
 * "Muddle this digit" for the test image picked on the map (or found by
 * index): the engine's boundary from that very image, as `GET /api/muddle?from=I`
 * and the CLI's `--from I` run it; the explorer then opens its path.
 */
export function MuddleThis({ selected, state, names, onMuddle }: MuddleThisProps) {
  const { result } = state;
  if (!selected && !result && !state.error) return null;
  return (
    <section class="panel muddle-this" aria-labelledby="muddle-this-title">
      <h2 id="muddle-this-title">This digit</h2>
      {selected && (
        <div class="row">
          <span>
            Test image #{selected.index}, a {className(names, selected.digit)}
          </span>
          <button
            type="button"
            class="primary"
            data-testid="muddle-point"
            disabled={state.busy}
            onClick={() => onMuddle(selected.index)}
            aria-label={`Muddle this digit: test image #${selected.index}, a ${
              className(names, selected.digit)
            }, with boundary`}
          >
            {state.busy ? "Muddling…" : "Muddle this digit"}
          </button>
        </div>
      )}
      {state.error && <p class="error" role="alert">{state.error}</p>}
      {result && (
        <div class="row" data-testid="point-muddled" data-from={result.from.index}>
          <DigitCanvas
            image={result.image}
            size={56}
            label={`boundary output from test image ${result.from.index}`}
          />
          <p>
            #{result.from.index} ({className(names, result.digit)}) towards{" "}
            {className(names, result.partner)} (#{result.to.index}), from t = {result.t.toFixed(2)}
            {" "}
            on the path and balanced off it: the judge reads{" "}
            {verdict(result.judge.probabilities, result.digit, result.partner, names)}. The path is
            open on the map with the handle at that t.
          </p>
        </div>
      )}
    </section>
  );
}
