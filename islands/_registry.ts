/**
 * Every island by name (its file name in islands/), loaded on demand so a
 * page fetches only the code of the islands it shows. Fresh generates this
 * list; here it is written by hand and a test checks it against islands/.
 */
import type { IslandLoader } from "../framework/hydrate.ts";

/** Island name -> loader of its module. */
export const ISLANDS: Record<string, IslandLoader> = {
  Atlas: () => import("./Atlas.tsx") as unknown as ReturnType<IslandLoader>,
  Explorer: () => import("./Explorer.tsx") as unknown as ReturnType<IslandLoader>,
  LossChart: () => import("./LossChart.tsx") as unknown as ReturnType<IslandLoader>,
};
