import { type BoundaryOptions, type MuddleMethod } from "../lib/muddle/mod.ts";
import type { FarthestObjective } from "../lib/muddle/mod.ts";

/** One way of generating outputs that eval scores. */
export interface EvalVariant {
  name: string;
  method: MuddleMethod;
  /** Changes to boundary's defaults. */
  boundary?: Partial<BoundaryOptions>;
  /** Consult only these ensemble members (default: all). */
  judges?: string[];
  /** `farthest`'s objective (default maximin). */
  farthest?: FarthestObjective;
}

/** The three methods as shipped. */
export const METHOD_VARIANTS: EvalVariant[] = [
  { name: "avg", method: "avg" },
  { name: "farthest", method: "farthest" },
  { name: "boundary", method: "boundary" },
];

/** The panel's path search alone, as it was the default before balancing: 4 paths x 11 steps. */
const PATH_SEARCH_ONLY = { panelPaths: 4, panelSteps: 11, balanceSteps: 0 } as const;

/** Documented variants scored by default beside the shipped methods. */
export const REFERENCE_VARIANTS: EvalVariant[] = [
  { name: "farthest (literal sum)", method: "farthest", farthest: "sum" },
  {
    name: "boundary (path points only, no balancing)",
    method: "boundary",
    boundary: PATH_SEARCH_ONLY,
  },
  { name: "boundary (two judges, no panel)", method: "boundary", boundary: { panel: false } },
];

/** The first default: 8 near partners, 9 steps, 4 paths a batch, no bisection, no search. */
const FIRST = {
  partnerOptions: 1,
  candidates: 8,
  partnerChoice: "near",
  steps: 9,
  batch: 4,
  enoughWidth: 3,
  bisections: 0,
  searchRounds: 0,
} as const;

/** Variants of the panel search, scored with --variants. */
const PANEL_VARIANTS: EvalVariant[] = [
  {
    name: "b:panel, balanced from 4 paths x 11 steps",
    method: "boundary",
    boundary: { panelPaths: 4, panelSteps: 11 },
  },
  {
    name: "b:panel, 12 balancing steps",
    method: "boundary",
    boundary: { balanceSteps: 12 },
  },
  {
    name: "b:panel, balanced, pair weight 3",
    method: "boundary",
    boundary: { balancePairWeight: 3 },
  },
  {
    name: "b:panel, 1 partner, 5 paths x 13 steps, no balancing",
    method: "boundary",
    boundary: { panelPartners: 1, panelPaths: 5, panelSteps: 13, balanceSteps: 0 },
  },
  {
    name: "b:panel, 2 partners x 2 paths x 11 steps, smoothed, no balancing",
    method: "boundary",
    boundary: { panelPartners: 2, panelPaths: 2, panelSteps: 11, panelSmooth: 1, balanceSteps: 0 },
  },
  {
    name: "b:panel, smoothed along t, no balancing",
    method: "boundary",
    boundary: { ...PATH_SEARCH_ONLY, panelSmooth: 1 },
  },
];

/** Variants of boundary tried on the way to the default, scored with --variants. */
export const BOUNDARY_VARIANTS: EvalVariant[] = [
  ...PANEL_VARIANTS,
  ...([
    {
      name: "b:cnn-only, 1 random path, no refine",
      method: "boundary",
      judges: ["judge"],
      boundary: { ...FIRST, candidates: 1, partnerChoice: "random", refineSteps: 0 },
    },
    {
      name: "b:1 random path",
      method: "boundary",
      boundary: { ...FIRST, candidates: 1, partnerChoice: "random" },
    },
    { name: "b:8 near (first default)", method: "boundary", boundary: FIRST },
    {
      name: "b:16 random",
      method: "boundary",
      boundary: { ...FIRST, candidates: 16, partnerChoice: "random" },
    },
    { name: "b:16 near", method: "boundary", boundary: { ...FIRST, candidates: 16 } },
    {
      name: "b:16 mixed",
      method: "boundary",
      boundary: { ...FIRST, candidates: 16, partnerChoice: "mixed" },
    },
    {
      name: "b:16 pairs",
      method: "boundary",
      boundary: { ...FIRST, candidates: 16, partnerChoice: "pairs" },
    },
    {
      name: "b:16 pairs, window 0.3/0.6",
      method: "boundary",
      boundary: { ...FIRST, candidates: 16, partnerChoice: "pairs", low: 0.3, high: 0.6 },
    },
    {
      name: "b:16 pairs, 5 shifted views",
      method: "boundary",
      boundary: { ...FIRST, candidates: 16, partnerChoice: "pairs", views: 5, refineViews: 5 },
    },
    {
      name: "b:16 pairs + bisect 3",
      method: "boundary",
      boundary: { ...FIRST, candidates: 16, partnerChoice: "pairs", bisections: 3 },
    },
    {
      name: "b:default, nearest partner only",
      method: "boundary",
      boundary: { partnerOptions: 1 },
    },
    { name: "b:default, no search", method: "boundary", boundary: { searchRounds: 0 } },
    {
      name: "b:default, search always (6x8 at 0.1)",
      method: "boundary",
      boundary: { searchBelow: Infinity, searchRounds: 6, searchBatch: 8, searchScale: 0.1 },
    },
    {
      name: "b:default, search always (4x16 at 0.2)",
      method: "boundary",
      boundary: { searchBelow: Infinity },
    },
    {
      name: "b:default, 9 steps, 4 paths a batch, stop at 0.3 wide",
      method: "boundary",
      boundary: { steps: 9, batch: 4, enoughWidth: 3 },
    },
    {
      name: "b:default, stop at a window 1 step wide",
      method: "boundary",
      boundary: { enoughWidth: 1 },
    },
    {
      name: "b:default, stop at a window 2 steps wide",
      method: "boundary",
      boundary: { enoughWidth: 2 },
    },
    {
      name: "b:default, stop at 2 steps wide, up to 12 paths",
      method: "boundary",
      boundary: { enoughWidth: 2, sweepLimit: 12 },
    },
    { name: "b:default, decode up to 16 paths", method: "boundary", boundary: { sweepLimit: 16 } },
    {
      name: "b:default, 32 paths",
      method: "boundary",
      boundary: { candidates: 32, sweepLimit: 32 },
    },
    { name: "b:default, mixed paths", method: "boundary", boundary: { partnerChoice: "mixed" } },
    { name: "b:default, random paths", method: "boundary", boundary: { partnerChoice: "random" } },
    { name: "b:default, near paths", method: "boundary", boundary: { partnerChoice: "near" } },
    {
      name: "b:default, pairs from 16 images of D",
      method: "boundary",
      boundary: { pairPool: 16 },
    },
    {
      name: "b:default, pairs from 100 images of D",
      method: "boundary",
      boundary: { pairPool: 100 },
    },
    {
      name: "b:default, pairs from 200 images of D",
      method: "boundary",
      boundary: { pairPool: 200 },
    },
    {
      name: "b:default, pairs from 400 images of D",
      method: "boundary",
      boundary: { pairPool: 400 },
    },
    { name: "b:default, 7 steps", method: "boundary", boundary: { steps: 7 } },
    {
      name: "b:default, 5 shifted views",
      method: "boundary",
      boundary: { views: 5, refineViews: 5 },
    },
    { name: "b:default + latent reader", method: "boundary", boundary: { latentReader: true } },
    { name: "b:default, cnn only", method: "boundary", judges: ["judge"] },
  ] as EvalVariant[]).map((v) => ({ ...v, boundary: { panel: false, ...v.boundary } })),
];
