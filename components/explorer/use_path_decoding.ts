/**
 * Decoding along the path: the strip (`steps` digits), a finer judged sweep
 * for the chart and its marks, and the digit under the handle, decoded at
 * most once per frame.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { BrowserModel, Sweep } from "../../islands/_explorer/browser_model.ts";
import { interpolate, linspace, mostSplitStep } from "../../lib/muddle/mod.ts";

/** Steps of the chart's sweep: fine enough for smooth curves and precise marks. */
export const CHART_STEPS = 61;

/** What the handle shows: the decoded digit at t and the judge's reading. */
export interface Current {
  /** The t it was decoded at, so what is said about it never mixes two steps. */
  t: number;
  /** The ends' latents it was decoded between (compare by identity). */
  ends: [Float32Array, Float32Array];
  image: Float32Array;
  probabilities: Float32Array;
}

/** The decoded path; parts are null until the model and both ends are known. */
export interface PathDecoding {
  strip: { ts: number[]; images: Float32Array } | null;
  sweep: Sweep | null;
  current: Current | null;
  /** Step of the sweep where the judge is most split between the ends' digits, or null. */
  split: number | null;
}

/** Decodes the path from `la` to `lb` (digits `da`, `db`) and the point at `t`. */
export function usePathDecoding(
  model: BrowserModel | null,
  la: Float32Array | null,
  lb: Float32Array | null,
  da: number | null,
  db: number | null,
  t: number,
  steps: number,
  measure: boolean,
): PathDecoding {
  const [strip, setStrip] = useState<PathDecoding["strip"]>(null);
  const [sweep, setSweep] = useState<Sweep | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);

  useEffect(() => {
    if (!model || !la || !lb) {
      setStrip(null);
      return setSweep(null);
    }
    const ts = linspace(0, 1, steps);
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

  useEffect(() => {
    if (!model || !la || !lb) return setCurrent(null);
    const frame = requestAnimationFrame(() => {
      const latent = new Float32Array(la.length);
      for (let i = 0; i < la.length; i++) latent[i] = la[i] + (lb[i] - la[i]) * t;
      const started = performance.now();
      const image = model.decode(latent);
      if (measure) performance.measure("muddle:decode", { start: started, end: performance.now() });
      setCurrent({ t, ends: [la, lb], image, probabilities: model.judge(image) });
    });
    return () => cancelAnimationFrame(frame);
  }, [model, la, lb, t]);

  const split = useMemo(() => {
    if (!sweep || da === null || db === null || da === db) return null;
    return mostSplitStep(sweep.probabilities, sweep.ts.length, da, db);
  }, [sweep, da, db]);

  return { strip, sweep, current, split };
}
