import type { PartnerChoice } from "./partner_candidates.ts";
import type { SearchOptions } from "./latent_search.ts";
import { DEFAULT_THRESHOLDS } from "./split_margin.ts";
import { DEFAULT_PANEL_SEARCH, type PanelSearchOptions } from "./panel_boundary.ts";

/** The knobs of `boundary`; eval's variants change them. */
export interface BoundaryOptions extends SearchOptions, PanelSearchOptions {
  /**
   * Search by the reader panel from the given input (the default; see
   * panel_boundary.ts). false: the earlier two-judge window search below,
   * kept for eval's comparison.
   */
  panel: boolean;
  /** Candidate paths considered; the one with the widest ambiguous window wins. */
  candidates: number;
  /** How the paths' ends are chosen (see partner_candidates.ts). */
  partnerChoice: PartnerChoice;
  /** Images of D drawn for "pairs" paths (the seed's own image of D is always one). */
  pairPool: number;
  /** Without a given partner: how many of the nearest other digits may serve as P, nearest first. */
  partnerOptions: number;
  /** Search only when the chosen point's split margin is below this. */
  searchBelow: number;
  /** Shifted views each judge reads in the coarse sweep (1: the image alone; see shifted_views.ts). */
  views: number;
  /** Also require the latent LDA (a reader of latents, not pixels) to be split. */
  latentReader: boolean;
  /** Shifted views in the fine sweep. */
  refineViews: number;
  /** Most candidate paths decoded, after ranking them all with the latent classifier. */
  sweepLimit: number;
  /** Candidate paths swept per batch. */
  batch: number;
  /** Stop trying candidates once a window spans this many coarse steps. */
  enoughWidth: number;
  /** Interior points per candidate path in the coarse sweep. */
  steps: number;
  /** Points in the fine sweep across the chosen window (0 skips it). */
  refineSteps: number;
  /** Halvings of the step where the judges cross from D to P, on paths the sweep found no window on. */
  bisections: number;
}

/** The defaults, chosen by eval (see docs/muddle.md). */
export const DEFAULT_BOUNDARY: BoundaryOptions = {
  ...DEFAULT_THRESHOLDS,
  ...DEFAULT_PANEL_SEARCH,
  panel: true,
  candidates: 16,
  partnerChoice: "pairs",
  partnerOptions: 3,
  pairPool: 48,
  sweepLimit: 6,
  batch: 2,
  enoughWidth: 0,
  steps: 5,
  bisections: 3,
  refineSteps: 8,
  views: 1,
  refineViews: 1,
  latentReader: false,
  searchRounds: 4,
  searchBatch: 16,
  searchScale: 0.2,
  searchViews: 1,
  searchBelow: 0,
};
