import { memo } from "preact/compat";
import { useEffect, useMemo, useState } from "preact/hooks";
import { DigitCanvas } from "./DigitCanvas.tsx";
import type { EndRef } from "./url_state.ts";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";
import { className } from "./class_name.ts";
import type { MuddleAnswer } from "./muddle_answer.ts";
import { MAX_SEED, scoreMuddle, SUCCESS } from "../../lib/muddle/mod.ts";

/** Props of `MuddlePanel`. */
export interface MuddlePanelProps {
  /** Raw test pixels [count * 784], once loaded. */
  testImages: Uint8Array | null;
  /** The digit and seed from the link: run once at start. */
  initial: { digit: number; seed: number } | null;
  /** A run's digit and seed, for the URL. */
  onRun(digit: number, seed: number): void;
  onExplore(a: EndRef, b: EndRef, t: number): void;
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
}

const METHODS = [
  { id: "avg", label: "Original recipe", note: "average of the two latents" },
  { id: "farthest", label: "Farthest", note: "farthest output from both images" },
  { id: "boundary", label: "Boundary", note: "where the judge is split" },
] as const;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The judge's shares of the two classes, e.g. "4: 45% · 9: 40%". */
export function verdict(p: number[], d: number, q: number, names?: string[]): string {
  return `${className(names, d)}: ${percent(p[d])} · ${className(names, q)}: ${percent(p[q])}`;
}

/** One image of the recipe row, with its caption. */
function RecipeFigure(
  { image, bytes, label, caption, detail }: {
    image: ArrayLike<number> | null;
    bytes?: boolean;
    label: string;
    caption: string;
    detail: string;
  },
) {
  return (
    <figure>
      <DigitCanvas image={image} bytes={bytes} size={64} label={label} />
      <figcaption>
        {caption}
        <br />
        <small>{detail}</small>
      </figcaption>
    </figure>
  );
}

/**
 * "Muddle me": the original recipe for a chosen digit (random image, nearest
 * other cluster, random partner, average) and what the other methods pick
 * for the same seed, from the server's engine.
 */
export const MuddlePanel = memo(function MuddlePanel(
  { testImages, initial, onRun, onExplore, names }: MuddlePanelProps,
) {
  const [digit, setDigit] = useState(initial?.digit ?? 4);
  const [answers, setAnswers] = useState<MuddleAnswer[] | null>(null);
  const [seedText, setSeedText] = useState(initial ? String(initial.seed) : "");
  const [seed, setSeed] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    const typed = seedText.trim();
    if (typed !== "" && (!/^\d+$/.test(typed) || Number(typed) > MAX_SEED)) {
      return setError(`The seed must be a whole number from 0 to ${MAX_SEED}.`);
    }
    const s = typed === "" ? Math.floor(Math.random() * 1e6) : Number(typed);
    setSeedText(String(s));
    setBusy(true);
    setError(null);
    const ask = async (method: string, partner?: number) => {
      const extra = partner === undefined ? "" : `&partner=${partner}`;
      const res = await fetch(`/api/muddle?digit=${digit}&method=${method}&seed=${s}${extra}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      return body as MuddleAnswer;
    };
    try {
      // The recipe picks the partner digit; the other methods get the same one.
      const avg = await ask("avg");
      const rest = await Promise.all(METHODS.slice(1).map((m) => ask(m.id, avg.partner)));
      setAnswers([avg, ...rest]);
      setSeed(s);
      onRun(digit, s);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  // A link with a seed shows its muddle again.
  useEffect(() => {
    if (initial) run();
  }, []);
  const avg = answers?.[0];
  const [input, partner] = useMemo(() => {
    const real = (index: number) =>
      testImages ? testImages.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS) : null;
    return avg ? [real(avg.from.index), real(avg.to.index)] : [null, null];
  }, [avg, testImages]);
  const avgVerdict = avg ? verdict(avg.judge.probabilities, avg.digit, avg.partner, names) : "";
  return (
    <section class="panel muddle-panel" aria-labelledby="muddle-title">
      <h2 id="muddle-title">Muddle me</h2>
      <div class="row">
        <label>
          Start from a{" "}
          <select
            value={digit}
            onChange={(e) => setDigit(Number((e.target as HTMLSelectElement).value))}
          >
            {Array.from(
              { length: 10 },
              (_, d) => <option key={d} value={d}>{className(names, d)}</option>,
            )}
          </select>
        </label>
        <label>
          seed{" "}
          <input
            type="text"
            inputMode="numeric"
            size={8}
            placeholder="random"
            value={seedText}
            onInput={(e) => setSeedText((e.target as HTMLInputElement).value)}
            aria-describedby="muddle-rule"
          />
        </label>
        <button type="button" class="primary" onClick={run} disabled={busy}>
          {busy ? "Muddling…" : "Muddle me"}
        </button>
      </div>
      <p class="hint" id="muddle-rule">
        A muddle counts as a success when the judge gives each of the two digits at least{" "}
        {percent(SUCCESS.minEach)}, the pair at least{" "}
        {percent(SUCCESS.minPair)}, and no digit more than{" "}
        {percent(SUCCESS.maxProbability)}. The same seed gives the same muddles.
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      {avg && (
        <div class="muddle-result" data-testid="muddle-result">
          <div class="recipe">
            <RecipeFigure
              image={input}
              bytes
              label={`input: test image ${avg.from.index}, a ${className(names, avg.digit)}`}
              caption={`input ${className(names, avg.digit)}`}
              detail={`#${avg.from.index}`}
            />
            <span class="op">+</span>
            <RecipeFigure
              image={partner}
              bytes
              label={`partner: test image ${avg.to.index}, a ${className(names, avg.partner)}`}
              caption={`partner ${className(names, avg.partner)}`}
              detail={`#${avg.to.index}`}
            />
            <span class="op">→</span>
            <RecipeFigure
              image={avg.image}
              label={`average of the two: judge reads ${avgVerdict}`}
              caption="average"
              detail={avgVerdict}
            />
          </div>
          {differs(answers!, names) && (
            <p class="hint" data-testid="muddle-differs">
              {differs(answers!, names)}
            </p>
          )}
          <ul class="methods">
            {answers!.map((r, i) => (
              <li data-from={r.from.index} data-to={r.to.index} data-partner={r.partner}>
                <DigitCanvas image={r.image} size={48} label={`${METHODS[i].label} output`} />
                <div>
                  <strong>{METHODS[i].label}</strong> <small>t = {r.t.toFixed(2)}</small>
                  <br />
                  <small>{METHODS[i].note}</small>
                  <br />
                  <small>
                    judge {verdict(r.judge.probabilities, r.digit, r.partner, names)}{" "}
                    {scoreMuddle(r.judge.probabilities, r.digit, r.partner).success
                      ? "· success"
                      : "· not a success"}
                  </small>
                </div>
                <button
                  type="button"
                  aria-label={`Explore the ${METHODS[i].label} path, ${
                    className(names, r.digit)
                  } to ${className(names, r.partner)}`}
                  onClick={() =>
                    onExplore({ kind: "image", index: r.from.index }, {
                      kind: "image",
                      index: r.to.index,
                    }, r.t)}
                >
                  Explore
                </button>
              </li>
            ))}
          </ul>
          <p class="hint">seed {seed}</p>
        </div>
      )}
    </section>
  );
});

/** A plain sentence when the rows do not share the recipe's input and partner images, or "". */
function differs(answers: MuddleAnswer[], names?: string[]): string {
  const [avg] = answers;
  const other = answers.slice(1).map((r, i) => ({ r, label: METHODS[i + 1].label })).filter((
    { r },
  ) => r.from.index !== avg.from.index || r.to.index !== avg.to.index);
  if (other.length === 0) return "";
  return other.map(({ r, label }) =>
    `${label} starts from its own images: #${r.from.index} (a ${
      className(names, r.digit)
    }) to #${r.to.index} (a ${className(names, r.partner)}).`
  ).join(" ") + ` The recipe's are #${avg.from.index} and #${avg.to.index}.`;
}
