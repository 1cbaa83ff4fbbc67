import { memo } from "preact/compat";
import { useMemo, useState } from "preact/hooks";
import { DigitCanvas } from "./DigitCanvas.tsx";
import type { EndRef } from "./url_state.ts";

/** The API's answer for one method (the fields this panel shows). */
interface MuddleAnswer {
  method: string;
  digit: number;
  partner: number;
  t: number;
  image: number[];
  from: { index: number; digit: number };
  to: { index: number; digit: number };
  judge: { probabilities: number[] };
}

/** Props of `MuddlePanel`. */
export interface MuddlePanelProps {
  /** Raw test pixels [count * 784], once loaded. */
  testImages: Uint8Array | null;
  onExplore(a: EndRef, b: EndRef, t: number): void;
}

const METHODS = [
  { id: "avg", label: "Original recipe", note: "average of the two latents" },
  { id: "farthest", label: "Farthest", note: "farthest output from both images" },
  { id: "boundary", label: "Boundary", note: "where the judge is split" },
] as const;

function verdict(p: number[], d: number, q: number): string {
  return `${d}: ${Math.round(p[d] * 100)}% · ${q}: ${Math.round(p[q] * 100)}%`;
}

/**
 * "Muddle me": the original recipe for a chosen digit (random image, nearest
 * other cluster, random partner, average) and what the other methods pick
 * for the same seed, from the server's engine.
 */
export const MuddlePanel = memo(function MuddlePanel({ testImages, onExplore }: MuddlePanelProps) {
  const [digit, setDigit] = useState(4);
  const [answers, setAnswers] = useState<MuddleAnswer[] | null>(null);
  const [seed, setSeed] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    const s = Math.floor(Math.random() * 1e6);
    setBusy(true);
    setError(null);
    try {
      const results = await Promise.all(METHODS.map(async (m) => {
        const res = await fetch(`/api/muddle?digit=${digit}&method=${m.id}&seed=${s}`);
        const body = await res.json();
        if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
        return body as MuddleAnswer;
      }));
      setAnswers(results);
      setSeed(s);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const avg = answers?.[0];
  const [input, partner] = useMemo(() => {
    const real = (index: number) =>
      testImages ? testImages.subarray(index * 784, (index + 1) * 784) : null;
    return avg ? [real(avg.from.index), real(avg.to.index)] : [null, null];
  }, [avg, testImages]);
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
            {Array.from({ length: 10 }, (_, d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <button type="button" class="primary" onClick={run} disabled={busy}>
          {busy ? "Muddling…" : "Muddle me"}
        </button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {avg && (
        <div class="muddle-result" data-testid="muddle-result">
          <div class="recipe">
            <figure>
              <DigitCanvas
                image={input}
                bytes
                size={64}
                label={`input: test image ${avg.from.index}, a ${avg.digit}`}
              />
              <figcaption>
                input {avg.digit}
                <br />
                <small>#{avg.from.index}</small>
              </figcaption>
            </figure>
            <span class="op">+</span>
            <figure>
              <DigitCanvas
                image={partner}
                bytes
                size={64}
                label={`partner: test image ${avg.to.index}, a ${avg.partner}`}
              />
              <figcaption>
                partner {avg.partner}
                <br />
                <small>#{avg.to.index}</small>
              </figcaption>
            </figure>
            <span class="op">→</span>
            <figure>
              <DigitCanvas
                image={avg.image}
                size={64}
                label={`average of the two: judge reads ${
                  verdict(avg.judge.probabilities, avg.digit, avg.partner)
                }`}
              />
              <figcaption>
                average<br />
                <small>{verdict(avg.judge.probabilities, avg.digit, avg.partner)}</small>
              </figcaption>
            </figure>
          </div>
          <ul class="methods">
            {answers!.map((r, i) => (
              <li>
                <DigitCanvas image={r.image} size={48} label={`${METHODS[i].label} output`} />
                <div>
                  <strong>{METHODS[i].label}</strong> <small>t = {r.t.toFixed(2)}</small>
                  <br />
                  <small>{METHODS[i].note}</small>
                  <br />
                  <small>judge {verdict(r.judge.probabilities, r.digit, r.partner)}</small>
                </div>
                <button
                  type="button"
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
