import { area, axisBottom, axisLeft, line, scaleLinear, select } from "d3";
import { useEffect, useRef, useState } from "preact/hooks";
import { DIGIT_COLORS, DIGIT_DASHES } from "./colors.ts";
import { chartDigits } from "./chart_digits.ts";
import { className } from "./class_name.ts";

/** Props of `ProbChart`. */
export interface ProbChartProps {
  ts: number[];
  /** [steps * 10]. */
  probabilities: Float32Array;
  /** The ends' digits (A, B). */
  digits: [number, number];
  t: number;
  farthest: number;
  split: number | null;
  onT(t: number): void;
  /** Class names 0-9 (absent: the digits). */
  names?: string[];
}

const H = 168;
const M = { top: 16, right: 28, bottom: 26, left: 42 };

/**
 * The judge's whole reading along t: a line for each end's digit and for
 * any other digit that reaches 10% somewhere, each labelled where it peaks
 * and drawn with its own dashes as well as its colour; a grey band for all
 * the other digits together; the farthest and most-split steps marked. The
 * chart is drawn at its real width in CSS pixels, so its text stays readable on a phone.
 */
export function ProbChart(props: ProbChartProps) {
  const figRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(640);
  const live = useRef(props);
  live.current = props;

  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(figRef.current!);
    return () => observer.disconnect();
  }, []);

  const { ts, probabilities, digits, farthest, split } = props;
  const shown = chartDigits(probabilities, ts.length, digits);

  // Redraw on data or size; the cursor alone moves in the effect below.
  useEffect(() => {
    const svg = select(svgRef.current!);
    svg.selectAll("*").remove();
    const x = scaleLinear().domain([0, 1]).range([M.left, width - M.right]);
    const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${H - M.bottom})`)
      .call(
        axisBottom(x).ticks(width < 420 ? 5 : 10).tickFormat((d: number) => `${d}`),
      );
    svg.append("g").attr("class", "axis").attr("transform", `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(4).tickFormat((d: number) => `${Math.round(d * 100)}%`));
    const steps = ts.map((_, s) => s);
    const others = (s: number) => {
      let rest = 1;
      for (const d of shown) rest -= probabilities[s * 10 + d];
      return Math.max(0, rest);
    };
    svg.append("path").attr("class", "others").datum(steps).attr(
      "d",
      area<number>().x((s: number) => x(ts[s])).y0(y(0)).y1((s: number) => y(others(s))),
    );
    const labels: { d: number; x: number; y: number }[] = [];
    for (const d of shown) {
      svg.append("path").attr("class", `p p-${d === digits[0] ? "a" : d === digits[1] ? "b" : "o"}`)
        .datum(steps)
        .attr(
          "d",
          line<number>().x((s: number) => x(ts[s])).y((s: number) => y(probabilities[s * 10 + d])),
        )
        .attr("stroke", DIGIT_COLORS[d])
        .attr("stroke-dasharray", DIGIT_DASHES[d]);
      let peak = 0;
      for (const s of steps) if (probabilities[s * 10 + d] > probabilities[peak * 10 + d]) peak = s;
      labels.push({ d, x: x(ts[peak]), y: y(probabilities[peak * 10 + d]) });
    }
    // Direct labels at each line's peak; labels that would overlap step apart.
    labels.sort((p, q) => p.y - q.y);
    for (let i = 1; i < labels.length; i++) {
      const prev = labels[i - 1];
      if (Math.abs(labels[i].x - prev.x) < 18 && labels[i].y - prev.y < 13) {
        labels[i].y = prev.y + 13;
      }
    }
    for (const { d, x: lx, y: ly } of labels) {
      svg.append("text").attr("class", "label").attr("x", Math.min(width - M.right + 14, lx + 6))
        .attr("y", Math.max(M.top + 2, ly - 5)).attr("fill", DIGIT_COLORS[d]).text(
          className(live.current.names, d),
        );
    }
    const mark = (cls: string, step: number | null, label: string, row: number) => {
      if (step === null) return;
      const u = ts[step];
      const g = svg.append("g").attr("class", `mark ${cls}`);
      g.append("line").attr("x1", x(u)).attr("x2", x(u)).attr("y1", M.top).attr("y2", H - M.bottom);
      // Labels near an edge point inwards so they stay inside the chart.
      const anchor = u < 0.1 ? "start" : u > 0.9 ? "end" : "middle";
      const nudge = anchor === "start" ? 4 : anchor === "end" ? -4 : 0;
      g.append("text").attr("x", x(u) + nudge).attr("y", M.top - 4 + row * 12)
        .attr("text-anchor", anchor).text(label);
    };
    mark("farthest", farthest, "F farthest", 0);
    // When the marks are close, the second label goes one line lower.
    const close = split !== null && Math.abs(x(ts[split]) - x(ts[farthest])) < 90;
    mark("split", split, "S most split", close ? 1 : 0);
    svg.append("line").attr("class", "cursor").attr("y1", M.top).attr("y2", H - M.bottom)
      .attr("x1", x(live.current.t)).attr("x2", x(live.current.t));
    svg.on("click", (e: MouseEvent) => {
      const box = svgRef.current!.getBoundingClientRect();
      live.current.onT(Math.min(1, Math.max(0, x.invert(e.clientX - box.left))));
    });
    return () => {
      svg.on("click", null);
    };
  }, [ts, probabilities, digits[0], digits[1], farthest, split, width, props.names]);

  useEffect(() => {
    const x = scaleLinear().domain([0, 1]).range([M.left, width - M.right]);
    select(svgRef.current!).select(".cursor").attr("x1", x(props.t)).attr("x2", x(props.t));
  }, [props.t, width]);

  const [da, db] = digits;
  return (
    <figure class="prob-chart" ref={figRef}>
      <figcaption>
        The judge's reading along the path (t = 0 is A, t = 1 is B):{" "}
        {shown.map((d) => (
          <span key={d} class="key" style={{ color: DIGIT_COLORS[d] }}>
            <svg width="22" height="8" aria-hidden="true">
              <line
                x1="0"
                x2="22"
                y1="4"
                y2="4"
                stroke={DIGIT_COLORS[d]}
                stroke-width="2.5"
                stroke-dasharray={DIGIT_DASHES[d]}
              />
            </svg>
            {className(props.names, d)}
            {d === da ? " (A)" : d === db ? " (B)" : ""}
          </span>
        ))}
        <span class="key others-key">▇ all other digits</span>
      </figcaption>
      <svg
        ref={svgRef}
        width={width}
        height={H}
        role="img"
        aria-label={`The judge's probability of ${
          shown.map((d) => className(props.names, d)).join(", ")
        } along the path from ${className(props.names, da)} to ${
          className(props.names, db)
        }; click to move the handle`}
      />
    </figure>
  );
}
