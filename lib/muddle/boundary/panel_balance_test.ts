import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createContext, type MuddleContext } from "../context.ts";
import { interpolate } from "../interpolate.ts";
import { createFixtureModels, disposeModels } from "../testing.ts";
import { imageFeatures, isDigitLike } from "../digit_likeness.ts";
import { balancePanel, type PanelBalanceOptions } from "./panel_balance.ts";
import { DEFAULT_PANEL_SEARCH } from "./panel_boundary.ts";

/**
 * The fixture's readers never give D and P together more than about 0.8, so
 * under the shipped pair weight every step leaves its digit-like bars (the
 * last test); a lighter pair weight lets the balance itself be tested.
 */
const OPTIONS: PanelBalanceOptions = { balanceSteps: 8, balancePairWeight: 3, balancePrior: 0.01 };

/** Mean over the panel of |log p(D) - log p(P)|: 0 where every member is evenly split. */
function imbalance(context: MuddleContext, image: Float32Array, d: number, p: number): number {
  const members = Object.values(context.panel(image).members);
  return members.reduce((sum, probs) => sum + Math.abs(Math.log(probs[d] / probs[p])), 0) /
    members.length;
}

function startOnPath(context: MuddleContext, t: number) {
  const a = context.byDigit[3][0], b = context.byDigit[5][0];
  const latent = interpolate(context.latentOf(a), context.latentOf(b), [t]);
  return { latent, image: context.decode(latent) };
}

Deno.test("balancePanel() moves a lopsided path point to where the panel is split, and returns its decode", () => {
  const models = createFixtureModels();
  const context = createContext(models);
  const before = tf.memory().numTensors;
  const start = startOnPath(context, 0.3);
  const out = balancePanel(context, start.latent, start.image, 3, 5, OPTIONS);
  const was = imbalance(context, start.image, 3, 5), now = imbalance(context, out.image, 3, 5);
  assert(now < was / 2, `imbalance ${was.toFixed(3)} -> ${now.toFixed(3)}`);
  assertEquals(Array.from(out.image), Array.from(context.decode(out.latent)));
  assert(out.latent.some((v, i) => v !== start.latent[i]), "the latent left the path");
  assertEquals(tf.memory().numTensors, before);
  disposeModels(models);
});

Deno.test("balancePanel() is deterministic, and with 0 steps keeps the start", () => {
  const models = createFixtureModels();
  const context = createContext(models);
  const start = startOnPath(context, 0.35);
  const first = balancePanel(context, start.latent, start.image, 3, 5, OPTIONS);
  const again = balancePanel(context, start.latent, start.image, 3, 5, OPTIONS);
  assertEquals(Array.from(again.latent), Array.from(first.latent));
  const kept = balancePanel(context, start.latent, start.image, 3, 5, {
    ...OPTIONS,
    balanceSteps: 0,
  });
  assertEquals(Array.from(kept.latent), Array.from(start.latent));
  assertEquals(Array.from(kept.image), Array.from(start.image));
  disposeModels(models);
});

Deno.test("balancePanel() returns only digit-like points: when every step leaves digit-like ink, the start", () => {
  const models = createFixtureModels();
  const context = createContext(models);
  const start = startOnPath(context, 0.3);
  assert(isDigitLike(imageFeatures(start.image), context.ranges, 3, 5));
  // The shipped weight pulls hard towards p(D) + p(P) = 1, which the fixture draws only off its bars.
  const out = balancePanel(context, start.latent, start.image, 3, 5, DEFAULT_PANEL_SEARCH);
  const lighter = balancePanel(context, start.latent, start.image, 3, 5, OPTIONS);
  assert(lighter.latent.some((v, i) => v !== start.latent[i]), "the lighter weight moves");
  assertEquals(Array.from(out.latent), Array.from(start.latent));
  assertEquals(Array.from(out.image), Array.from(start.image));
  disposeModels(models);
});
