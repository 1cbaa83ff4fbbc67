/**
 * Writes where the map drew things as data attributes on its canvas, so that
 * tests and tools can drive and measure the map as a person sees it:
 * `data-centroids`, `data-handle`, `data-path`, `data-ends` (CSS pixels,
 * rounded) and `data-view` (the centre in raw map units, and pixels per unit).
 */

/** Screen positions of what was drawn, and the view in raw map units. */
export interface ScreenReport {
  centroids: [number, number][] | null;
  handle: [number, number] | null;
  path: [number, number][] | null;
  ends: [[number, number] | null, [number, number] | null];
  view: { x: number; y: number; ppu: number } | null;
}

const point = (p: [number, number]) => p.map(Math.round).join(",");

/** Sets the canvas's data attributes from `report`. */
export function reportScreen(canvas: HTMLCanvasElement, report: ScreenReport): void {
  if (report.centroids) canvas.dataset.centroids = report.centroids.map(point).join(";");
  canvas.dataset.handle = report.handle ? point(report.handle) : "";
  canvas.dataset.path = report.path ? report.path.map(point).join(";") : "";
  canvas.dataset.ends = report.ends.map((e) => e ? point(e) : "").join(";");
  if (report.view) {
    const { x, y, ppu } = report.view;
    canvas.dataset.view = [x, y, ppu].map((v) => +v.toFixed(5)).join(",");
  }
}
