import type { BoundaryOptions } from "../lib/muddle/boundary.ts";
import type { MuddleMethod } from "../lib/muddle/types.ts";

/** One way of generating outputs that eval scores. */
export interface EvalVariant {
  name: string;
  method: MuddleMethod;
  /** Changes to boundary's defaults. */
  boundary?: Partial<BoundaryOptions>;
  /** Consult only these ensemble members (default: all). */
  judges?: string[];
}

/** The three methods as shipped. */
export const METHOD_VARIANTS: EvalVariant[] = [
  { name: "avg", method: "avg" },
  { name: "farthest", method: "farthest" },
  { name: "boundary", method: "boundary" },
];

/** Variants of boundary tried on the way to the default, scored with --variants. */
export const BOUNDARY_VARIANTS: EvalVariant[] = [
  {
    name: "b:cnn-only,1-random,no-refine",
    method: "boundary",
    judges: ["judge"],
    boundary: { candidates: 1, partnerChoice: "random", refineSteps: 0 },
  },
  {
    name: "b:1-random",
    method: "boundary",
    boundary: { candidates: 1, partnerChoice: "random" },
  },
  {
    name: "b:8-random",
    method: "boundary",
    boundary: { candidates: 8, partnerChoice: "random" },
  },
  {
    name: "b:16-random",
    method: "boundary",
    boundary: { candidates: 16, partnerChoice: "random" },
  },
  { name: "b:4-near", method: "boundary", boundary: { candidates: 4 } },
  { name: "b:16-near", method: "boundary", boundary: { candidates: 16 } },
  { name: "b:cnn-only", method: "boundary", judges: ["judge"] },
  { name: "b:no-refine", method: "boundary", boundary: { refineSteps: 0 } },
  { name: "b:window 0.3/0.6", method: "boundary", boundary: { low: 0.3, high: 0.6 } },
  { name: "b:views 5/5", method: "boundary", boundary: { views: 5, refineViews: 5 } },
  { name: "b:views 1/5", method: "boundary", boundary: { refineViews: 5 } },
  {
    name: "b:16-random views 5/5",
    method: "boundary",
    boundary: { candidates: 16, partnerChoice: "random", views: 5, refineViews: 5 },
  },
  { name: "b:16-mixed", method: "boundary", boundary: { candidates: 16, partnerChoice: "mixed" } },
  {
    name: "b:16-mixed all",
    method: "boundary",
    boundary: { candidates: 16, partnerChoice: "mixed", enoughWidth: Infinity },
  },
  {
    name: "b:16-mixed +search 4x8 wide",
    method: "boundary",
    boundary: { candidates: 16, partnerChoice: "mixed", searchRounds: 4, searchScale: 0.2 },
  },
  {
    name: "b:16-mixed +search if weak",
    method: "boundary",
    boundary: {
      candidates: 16,
      partnerChoice: "mixed",
      searchRounds: 4,
      searchScale: 0.2,
      searchBelow: 0.05,
    },
  },
  { name: "b:16-pairs", method: "boundary", boundary: { candidates: 16, partnerChoice: "pairs" } },
  {
    name: "b:16-pairs +search 4x8 wide",
    method: "boundary",
    boundary: { candidates: 16, partnerChoice: "pairs", searchRounds: 4, searchScale: 0.2 },
  },
  {
    name: "b:32-pairs +search 8x16 if weak",
    method: "boundary",
    boundary: {
      candidates: 32,
      partnerChoice: "pairs",
      searchRounds: 8,
      searchBatch: 16,
      searchScale: 0.2,
      searchBelow: 0.05,
    },
  },
  {
    name: "b:32-mixed +search 8x16 if weak",
    method: "boundary",
    boundary: {
      candidates: 32,
      partnerChoice: "mixed",
      searchRounds: 8,
      searchBatch: 16,
      searchScale: 0.2,
      searchBelow: 0.05,
    },
  },
  {
    name: "b:48-pairs lda-top8 +search 8x16 if weak",
    method: "boundary",
    boundary: {
      candidates: 48,
      partnerChoice: "pairs",
      sweepLimit: 8,
      searchRounds: 8,
      searchBatch: 16,
      searchScale: 0.2,
      searchBelow: 0.05,
    },
  },
  {
    name: "b:48-pairs lda-top4",
    method: "boundary",
    boundary: { candidates: 48, partnerChoice: "pairs", sweepLimit: 4 },
  },
  {
    name: "b:32-mixed lda-top8",
    method: "boundary",
    boundary: { candidates: 32, partnerChoice: "mixed", sweepLimit: 8 },
  },
  { name: "b:+search 2x8", method: "boundary", boundary: { searchRounds: 2 } },
  {
    name: "b:+search 4x8 wide",
    method: "boundary",
    boundary: { searchRounds: 4, searchScale: 0.2 },
  },
];
