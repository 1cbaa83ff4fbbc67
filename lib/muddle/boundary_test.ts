import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { DEFAULT_BOUNDARY, muddleBoundary } from "./boundary.ts";
import { createContext } from "./context.ts";
import { pathEnd, pickEndpoints } from "./endpoints.ts";
import { pathCandidates } from "./boundary/partner_candidates.ts";
import { createRng } from "../random/seeded_rng.ts";
import { splitMargin } from "./boundary/split_margin.ts";
import { rankCentroids } from "./nearest_centroid.ts";
import { createFixtureModels, disposeModels } from "./testing.ts";

Deno.test("pathCandidates() 'near' returns the images of P closest to a, nearest first", () => {
  const models = createFixtureModels();
  const context = createContext(models);
  const from = pathEnd(context, context.byDigit[3][0]);
  const near = pathCandidates(context, from, 7, createRng(0), {
    candidates: 5,
    partnerChoice: "near",
    pairPool: 1,
  }).map((path) => path.to);
  assertEquals(near.length, 5);
  assert(near.every((end) => end.digit === 7));
  const distance = (latent: number[]) =>
    latent.reduce((s, v, i) => s + (v - from.latent[i]) ** 2, 0);
  const distances = near.map((end) => distance(end.latent));
  assertEquals(distances, [...distances].sort((a, b) => a - b));
  const others = context.byDigit[7].filter((i) => !near.some((end) => end.index === i));
  assert(others.every((i) => distance(pathEnd(context, i).latent) >= distances[4]));
  disposeModels(models);
});

Deno.test("boundary's latent search never ends less split than where it started", () => {
  const models = createFixtureModels();
  const context = createContext(models);
  const margin = (image: Float32Array, digit: number, partner: number) =>
    splitMargin(context.judge(image), image, 0, digit, partner, context.ranges);
  for (const seed of [1, 2, 3, 4, 5]) {
    const plain = muddleBoundary(context, 2, 5, createRng(seed), {
      ...DEFAULT_BOUNDARY,
      searchRounds: 0,
    });
    const searched = muddleBoundary(context, 2, 5, createRng(seed), {
      ...DEFAULT_BOUNDARY,
      searchRounds: 3,
    });
    // Same path and start; the search may only improve the worst judge's split.
    assertEquals([searched.from.index, searched.to.index], [plain.from.index, plain.to.index]);
    assert(margin(searched.image, 2, 5) >= margin(plain.image, 2, 5) - 1e-6);
  }
  disposeModels(models);
});

Deno.test("boundary without a partner picks one of the three nearest other digits", () => {
  const models = createFixtureModels();
  const context = createContext(models);
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const r = muddleBoundary(context, 4, undefined, createRng(seed), DEFAULT_BOUNDARY);
    // Ranked from the input the seed draws first (the path may start from another image of 4).
    const input = pickEndpoints(context, 4, undefined, createRng(seed)).from;
    const ranked = rankCentroids(input.latent, models.centroids, 4);
    assert(ranked.slice(0, 3).includes(r.partner), `${r.partner} not in ${ranked.slice(0, 3)}`);
    assertEquals(r.to.digit, r.partner);
    assertEquals(r.from.digit, 4);
  }
  disposeModels(models);
});
