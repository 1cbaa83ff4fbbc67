import type { Sweep } from "../../islands/_explorer/browser_model.ts";
import { neitherEndWins } from "./chart_digits.ts";
import { ProbChart } from "./ProbChart.tsx";
import { Strip } from "./Strip.tsx";
import { className } from "./class_name.ts";

/** Props of `AlongPath`. */
export interface AlongPathProps {
  strip: { ts: number[]; images: Float32Array } | null;
  sweep: Sweep | null;
  split: number | null;
  /** The ends' digits, once known. */
  da: number | null;
  db: number | null;
  /** Whether both ends are set (the strip then waits for the decoder). */
  hasPath: boolean;
  t: number;
  onT(t: number): void;
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
}

/** Index of the value in `ts` nearest to `t`. */
export function nearestStep(ts: number[], t: number): number {
  let best = 0;
  ts.forEach((u, i) => {
    if (Math.abs(u - t) < Math.abs(ts[best] - t)) best = i;
  });
  return best;
}

/** Under the map: the strip of decoded digits and the judge's chart, or a hint until they exist. */
export function AlongPath({ strip, sweep, split, da, db, hasPath, t, onT, names }: AlongPathProps) {
  if (!strip || !sweep || da === null || db === null) {
    return (
      <section class="panel strip-panel empty">
        <p class="hint">
          {hasPath
            ? "Loading the decoder…"
            : "The decoded digits along your path will appear here, with the judge's reading under them."}
        </p>
      </section>
    );
  }
  const neither = split === null ? null : neitherEndWins(sweep.probabilities, split, [da, db]);
  return (
    <>
      <section class="panel strip-panel" aria-label="Decoded digits along the path">
        <Strip
          ts={strip.ts}
          images={strip.images}
          t={t}
          farthest={nearestStep(strip.ts, sweep.ts[sweep.farthest])}
          split={split === null ? null : nearestStep(strip.ts, sweep.ts[split])}
          onT={onT}
          names={names}
          ends={[da, db]}
        />
        <p class="explain">
          Each cell decodes the latent a share t of the way from A to B; press one to move the
          handle there. F marks the output least like either end's, S the step where the judge is
          most evenly split between {className(names, da)} and {className(names, db)}.
        </p>
      </section>
      <section class="panel chart-panel">
        <ProbChart
          ts={sweep.ts}
          probabilities={sweep.probabilities}
          digits={[da, db]}
          t={t}
          farthest={sweep.farthest}
          split={split}
          onT={onT}
          names={names}
        />
        {neither && split !== null && (
          <p class="explain" data-testid="neither">
            At the most split point (t = {sweep.ts[split].toFixed(2)}) the judge reads{" "}
            {className(names, neither.digit)}{" "}
            most ({Math.round(neither.p * 100)}%): neither end wins there.
          </p>
        )}
      </section>
    </>
  );
}
