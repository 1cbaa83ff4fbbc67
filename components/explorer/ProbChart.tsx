import { axisBottom, axisLeft, line, scaleLinear, select } from "d3";
import { useEffect, useRef } from "preact/hooks";
import { DIGIT_COLORS } from "./colors.ts";

/** Props of `ProbChart`. */
export interface ProbChartProps {
  ts: number[];
  /** [steps * 10]. */
  probabilities: Float32Array;
  digits: [number, number];
  t: number;
  farthest: number;
  split: number | null;
  onT(t: number): void;
}

/** A d3 linear scale, as far as this chart uses it. */
type Scale = ((value: number) => number) & { invert(value: number): number };

const W = 640;
const H = 128;
const M = { top: 12, right: 12, bottom: 26, left: 40 };

/**
 * The judge's probability of each end's digit along t, with the farthest
 * and most-split steps marked. Scales and axes are made once (refs); data
 * changes only move paths and marks.
 */
export function ProbChart(props: ProbChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const live = useRef(props);
  live.current = props;
  const scales = useRef<{ x: Scale; y: Scale } | null>(null);

  // Once: scales, axes and the shapes that data changes only move. Effects run in
  // order, so the data effects below always find the scales.
  useEffect(() => {
    const x: Scale = scaleLinear().domain([0, 1]).range([M.left, W - M.right]);
    const y: Scale = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
    scales.current = { x, y };
    const svg = select(svgRef.current!);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${H - M.bottom})`)
      .call(axisBottom(x).ticks(10).tickFormat((d: number) => `${d}`));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(4).tickFormat((d: number) => `${Math.round(d * 100)}%`));
    svg.append("line").attr("class", "half").attr("x1", M.left).attr("x2", W - M.right)
      .attr("y1", y(0.5)).attr("y2", y(0.5));
    for (const cls of ["mark farthest", "mark split"]) {
      const g = svg.append("g").attr("class", cls).style("display", "none");
      g.append("line").attr("y1", M.top).attr("y2", H - M.bottom);
      g.append("text").attr("y", M.top + 9).attr("text-anchor", "middle");
    }
    svg.append("path").attr("class", "p p-a");
    svg.append("path").attr("class", "p p-b");
    svg.append("line").attr("class", "cursor").attr("y1", M.top).attr("y2", H - M.bottom);
    const onClick = (e: MouseEvent) => {
      const box = svgRef.current!.getBoundingClientRect();
      const px = (e.clientX - box.left) / box.width * W;
      live.current.onT(Math.min(1, Math.max(0, x.invert(px))));
    };
    svg.on("click", onClick);
    return () => {
      svg.on("click", null);
      svg.selectAll("*").remove();
      scales.current = null;
    };
  }, []);

  useEffect(() => {
    const svg = select(svgRef.current!);
    const { ts, probabilities, digits, farthest, split } = props;
    const { x: X, y: Y } = scales.current!;
    digits.forEach((digit, i) => {
      const path = line<number>().x((s: number) => X(ts[s])).y((s: number) =>
        Y(probabilities[s * 10 + digit])
      );
      svg.select(i === 0 ? ".p-a" : ".p-b").datum(ts.map((_, s) => s)).attr("d", path)
        .attr("stroke", DIGIT_COLORS[digit]);
    });
    const place = (cls: string, step: number | null, label: string) => {
      const g = svg.select(`.${cls}`).style("display", step === null ? "none" : null);
      if (step === null) return;
      g.select("line").attr("x1", X(ts[step])).attr("x2", X(ts[step]));
      // Labels near an edge point inwards so they stay inside the chart.
      const u = ts[step];
      const anchor = u < 0.1 ? "start" : u > 0.9 ? "end" : "middle";
      const nudge = anchor === "start" ? 4 : anchor === "end" ? -4 : 0;
      g.select("text").attr("x", X(u) + nudge).attr("text-anchor", anchor).text(label);
    };
    place("farthest", farthest, "farthest");
    place("split", split, "most split");
    // Close marks: their labels point away from each other, or stack when the step is shared.
    if (split === null) return;
    const [xf, xs] = [X(ts[farthest]), X(ts[split])];
    const text = (cls: string) => svg.select(`.${cls} text`);
    if (split === farthest) {
      text("split").attr("y", M.top + 21);
    } else if (Math.abs(xs - xf) < 80) {
      const splitLeft = xs < xf;
      text("split").attr("text-anchor", splitLeft ? "end" : "start")
        .attr("x", xs + (splitLeft ? -4 : 4)).attr("y", M.top + 9);
      text("farthest").attr("text-anchor", splitLeft ? "start" : "end")
        .attr("x", xf + (splitLeft ? 4 : -4));
    } else {
      text("split").attr("y", M.top + 9);
    }
  }, [props.ts, props.probabilities, props.digits, props.farthest, props.split]);

  useEffect(() => {
    const X = scales.current!.x(props.t);
    select(svgRef.current!).select(".cursor").attr("x1", X).attr("x2", X);
  }, [props.t]);

  const [da, db] = props.digits;
  return (
    <figure class="prob-chart">
      <figcaption>
        Judge's probability along the path:{" "}
        <span class="key" style={{ color: DIGIT_COLORS[da] }}>■ {da}</span>{" "}
        <span class="key" style={{ color: DIGIT_COLORS[db] }}>■ {db}</span>
      </figcaption>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Probability of ${da} and ${db} along the path; click to move the handle`}
      />
    </figure>
  );
}
