/**
 * What the explorer loads: the map's points for the chosen set, then the
 * browser model (its own chunk) and the raw test images for the hover card.
 */
import { useEffect, useState } from "preact/hooks";
import type { BrowserModel } from "../../islands/_explorer/browser_model.ts";
import { loadPoints, loadTestImages, type PointSet } from "../../islands/_explorer/data.ts";

/** The loaded data; each part is null until it arrives. */
export interface ExplorerData {
  points: PointSet | null;
  model: BrowserModel | null;
  testImages: Uint8Array | null;
  /** What failed to load, in words, or null. */
  problem: string | null;
  setProblem(problem: string | null): void;
}

/** Loads the points of `set` (again when it changes) and, once, the model and test images. */
export function useExplorerData(
  modelBase: string,
  latentSize: number,
  set: "test" | "all",
): ExplorerData {
  const [points, setPoints] = useState<PointSet | null>(null);
  const [model, setModel] = useState<BrowserModel | null>(null);
  const [testImages, setTestImages] = useState<Uint8Array | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    loadPoints(modelBase, set, abort.signal).then(setPoints).catch((e) => {
      if (!abort.signal.aborted) setProblem(`Could not load the map: ${e.message}`);
    });
    return () => abort.abort();
  }, [set]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { loadBrowserModel } = await import("../../islands/_explorer/browser_model.ts");
      const loaded = await loadBrowserModel(modelBase, latentSize);
      if (cancelled) return;
      setModel(loaded);
      const images = await loadTestImages(modelBase);
      if (!cancelled) setTestImages(images);
    })().catch((e) => !cancelled && setProblem(`Could not load the model: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, []);

  return { points, model, testImages, problem, setProblem };
}
