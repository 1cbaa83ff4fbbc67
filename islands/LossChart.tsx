import { axisBottom, axisLeft, extent, line, scaleLinear, select } from "d3";
import { useEffect, useRef } from "preact/hooks";

/** One epoch's losses. */
export interface LossPoint {
  epoch: number;
  trainLoss: number;
  testMse: number;
}

/** Props of `LossChart`. */
export interface LossChartProps {
  history: LossPoint[];
}

const W = 640;
const H = 280;
const M = { top: 16, right: 110, bottom: 36, left: 56 };
const SERIES = [
  { key: "trainLoss", label: "train loss", color: "var(--accent)" },
  { key: "testMse", label: "test MSE", color: "var(--accent-2)" },
] as const;

/** Loss per epoch: training loss and test-set MSE, drawn with d3 into one stable SVG. */
export default function LossChart({ history }: LossChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const svg = select(svgRef.current!);
    svg.selectAll("*").remove();
    if (history.length === 0) return;
    const x = scaleLinear()
      .domain(extent(history, (d: LossPoint) => d.epoch) as [number, number])
      .range([M.left, W - M.right]);
    if (history.length === 1) x.domain([history[0].epoch - 1, history[0].epoch + 1]);
    const values = history.flatMap((d) => [d.trainLoss, d.testMse]);
    const y = scaleLinear().domain([0, Math.max(...values) * 1.08]).nice()
      .range([H - M.bottom, M.top]);
    svg.append("g").attr("transform", `translate(0,${H - M.bottom})`)
      .call(
        axisBottom(x)
          .tickValues(x.ticks(Math.min(history.length, 12)).filter(Number.isInteger))
          .tickFormat((d: number) => String(d)),
      );
    svg.append("g").attr("transform", `translate(${M.left},0)`).call(axisLeft(y).ticks(6));
    svg.append("text").attr("x", (M.left + W - M.right) / 2).attr("y", H - 4)
      .attr("text-anchor", "middle").attr("class", "axis-label").text("epoch");
    for (const s of SERIES) {
      const path = line<LossPoint>().x((d: LossPoint) => x(d.epoch)).y((d: LossPoint) =>
        y(d[s.key])
      );
      svg.append("path").datum(history).attr("d", path).attr("fill", "none")
        .attr("stroke", s.color).attr("stroke-width", 2.5);
      svg.append("g").selectAll<SVGCircleElement, LossPoint>("circle").data(history).join("circle")
        .attr("cx", (d: LossPoint) => x(d.epoch)).attr("cy", (d: LossPoint) => y(d[s.key])).attr(
          "r",
          3.5,
        )
        .attr("fill", s.color).append("title")
        .text((d: LossPoint) => `epoch ${d.epoch}: ${s.label} ${d[s.key].toFixed(5)}`);
      const last = history[history.length - 1];
      // Keep the two end labels apart when the curves end close together.
      const gap = y(last.trainLoss) - y(last.testMse);
      const shift = Math.abs(gap) < 14
        ? (s.key === "trainLoss" ? -1 : 1) * (14 - Math.abs(gap)) / 2 * (gap <= 0 ? 1 : -1)
        : 0;
      svg.append("text").attr("x", x(last.epoch) + 8).attr("y", y(last[s.key]) + 4 + shift)
        .attr("fill", s.color).attr("class", "series-label").text(s.label);
    }
  }, [history]);
  return (
    <figure class="loss-chart">
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Loss per epoch over ${history.length} epochs`}
      />
    </figure>
  );
}
