import type { Sweep } from "../../islands/_explorer/browser_model.ts";
import { ProbChart } from "./ProbChart.tsx";
import { Strip } from "./Strip.tsx";

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
export function AlongPath({ strip, sweep, split, da, db, hasPath, t, onT }: AlongPathProps) {
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
          onT={onT}
        />
      </section>
    </>
  );
}
