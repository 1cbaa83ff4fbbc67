import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert, throws } from "node:assert/strict";
import { buildDecoder } from "../model/architecture.ts";
import { buildJudge, buildJudgeMlp } from "../model/classifiers.ts";
import { createMuddleEngine } from "./engine.ts";
import { createContext } from "./context.ts";
import { farthestIndex, mse, pairMse } from "./farthest.ts";
import { farthestStep } from "./marks.ts";
import { scoreMuddle } from "./criteria.ts";
import { interpolate, linspace } from "./interpolate.ts";
import { createFixtureModels, disposeModels } from "./testing.ts";
import { MUDDLE_METHODS, type MuddleRequest } from "./types.ts";

const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-5) =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]) <= eps);

Deno.test("sweepPath() decodes the endpoints themselves at t = 0 and t = 1", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  const from = Array.from(models.latents.subarray(0, 10));
  const to = Array.from(models.latents.subarray(30, 40));
  const sweep = engine.sweepPath(from, to, 5);
  assertEquals(sweep.ts, [0, 0.25, 0.5, 0.75, 1]);
  assert(close(sweep.latents.subarray(0, 10), from) && close(sweep.latents.subarray(40), to));
  assert(close(sweep.images.subarray(0, 784), engine.decode(Float32Array.from(from))));
  assert(close(sweep.images.subarray(4 * 784), engine.decode(Float32Array.from(to))));
  assertEquals(sweep.probabilities.length, 50);
  assertEquals(Object.keys(sweep.members), ["judge", "judge_mlp"]);
  disposeModels(models);
});

Deno.test("generate() returns endpoints of D and P, and avg decodes their midpoint", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  for (const method of MUDDLE_METHODS) {
    const r = engine.generate({ digit: 3, partner: 8, method, seed: 5 });
    assertEquals([r.digit, r.partner, r.from.digit, r.to.digit], [3, 8, 3, 8]);
    assert(r.t >= 0 && r.t <= 1 && r.image.length === 784 && r.latent.length === 10);
    assert(r.image.every((v) => v >= 0 && v <= 1));
    assert(Math.abs(r.judge.probabilities.reduce((a, b) => a + b) - 1) < 1e-4);
    if (method === "avg") {
      assertEquals(r.t, 0.5);
      assert(close(r.latent, r.from.latent.map((v, i) => (v + r.to.latent[i]) / 2)));
    }
    if (method !== "boundary") {
      // On the straight path the latent is from + t (to - from).
      const onPath = interpolate(r.from.latent, r.to.latent, [r.t]);
      assert(close(r.latent, onPath));
    }
  }
  // Without a partner, avg takes the nearest other centroid to a's latent.
  const r = engine.generate({ digit: 3, method: "avg", seed: 2 });
  assertEquals(r.partner, engine.nearestCentroid(r.from.latent, 3));
  disposeModels(models);
});

Deno.test("generate() is deterministic for a seed and varies across seeds", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  for (const method of MUDDLE_METHODS) {
    const a = engine.generate({ digit: 6, method, seed: 11 });
    const b = engine.generate({ digit: 6, method, seed: 11 });
    assertEquals({ ...a, image: Array.from(a.image) }, { ...b, image: Array.from(b.image) });
    const others = [12, 13, 14].map((seed) => engine.generate({ digit: 6, method, seed }));
    assert(others.some((o) => o.from.index !== a.from.index || o.to.index !== a.to.index));
  }
  disposeModels(models);
});

Deno.test("farthest keeps the output whose nearer end is farthest over its series", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  const context = createContext(models);
  for (const seed of [1, 2, 3, 4]) {
    const r = engine.generate({ digit: 2, partner: 7, method: "farthest", seed });
    const series = context.decode(interpolate(r.from.latent, r.to.latent, linspace(0, 1, 21)));
    // The ends are the series' own first and last decodes, as for the explorer's F mark.
    const a = series.slice(0, 784), b = series.slice(20 * 784);
    const image = Float32Array.from(r.image);
    const best = Math.min(mse(image, 0, a), mse(image, 0, b));
    for (let row = 0; row < 21; row++) {
      assert(Math.min(mse(series, row, a), mse(series, row, b)) <= best + 1e-9);
    }
    assertEquals(r.t, linspace(0, 1, 21)[farthestStep(series, 21)]);
    // The literal sum over the raw images is eval's variant: it scores at least as high by its own rule.
    const rawA = context.imageOf(r.from.index), rawB = context.imageOf(r.to.index);
    const sum = farthestIndex(series, rawA, rawB, "sum");
    assert(pairMse(series, sum, rawA, rawB) >= pairMse(image, 0, rawA, rawB));
  }
  // farthestIndex itself: the middle row is farthest from two opposite images.
  const a = new Float32Array(784), b = new Float32Array(784).fill(1);
  const rows = Float32Array.from([...a, ...new Float32Array(784).fill(0.5), ...b]);
  assertEquals(farthestIndex(rows, a, b), 1); // the middle row's nearer end is farthest
  assertEquals(farthestIndex(rows, a, b, "sum"), 0); // the sum ties everywhere: first row kept
  const rows2 = Float32Array.from([0.5, 0.9, 0.3].flatMap((v) => new Array(784).fill(v)));
  const mid = new Float32Array(784).fill(0.5);
  assertEquals(farthestIndex(rows2, mid, mid), 1);
  disposeModels(models);
});

Deno.test("boundary returns points that its panel (here the judges) passes by the success rule", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  let passed = 0, total = 0;
  for (const [digit, partner] of [[1, 6], [0, 4], [5, 9], [8, 3]]) {
    for (const seed of [1, 2, 3]) {
      const r = engine.generate({ digit, partner, method: "boundary", seed });
      for (const p of Object.values(r.judge.members)) {
        total++;
        if (scoreMuddle(p, digit, partner).success) passed++;
      }
      assert(r.t > 0 && r.t < 1);
    }
  }
  // The fixture's judges put their borders in different places, as real readers do.
  assert(passed >= total * 0.6, `${passed} of ${total} judge verdicts pass`);
  disposeModels(models);
});

Deno.test("generate() and sweepPath() reject bad arguments with what is allowed", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  const bad: [Partial<MuddleRequest>, RegExp][] = [
    [{ digit: 11 }, /digit must be an integer from 0 to 9, got 11/],
    [{ partner: 4 }, /partner must differ from digit/],
    [{ method: "best" as "avg" }, /method must be one of avg, farthest, boundary/],
    [{ seed: 1.5 }, /seed must be an integer from 0 to 4294967295/],
    [{ seed: -1 }, /seed must be an integer from 0 to 4294967295, got -1/],
    [{ from: 400 }, /from must be a test image index from 0 to 399, got 400/],
    [{ from: 0, digit: 5 }, /digit 5 does not match test image 0, a 0/],
  ];
  for (const [change, message] of bad) {
    throws(() => engine.generate({ digit: 4, method: "avg", seed: 0, ...change }), message);
  }
  throws(() => engine.sweepPath(new Array(10).fill(0), new Array(10).fill(0), 1), /2 to 256/);
  throws(() => engine.sweepPath([0, 0], new Array(10).fill(0), 4), /latent has 10/);
  throws(() => engine.decode(new Float32Array(7)), /multiple of 10/);
  disposeModels(models);
});

Deno.test("the engine leaves the tensor count unchanged after many calls", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 30; i++) {
    engine.generate({ digit: i % 10, method: MUDDLE_METHODS[i % 3], seed: i });
    engine.sweepPath(models.latents.subarray(0, 10), models.latents.subarray(10, 20), 16);
    engine.judge(engine.decode(models.latents.subarray(0, 20)));
  }
  try {
    engine.generate({ digit: 12, method: "avg", seed: 0 });
  } catch { /* a rejected request must not leak either */ }
  assertEquals(tf.memory().numTensors, before);
  disposeModels(models);
});

Deno.test("the engine runs on the real architecture with untrained weights", () => {
  const fixture = createFixtureModels(5);
  const judge = buildJudge(), mlp = buildJudgeMlp();
  const models = {
    ...fixture,
    decoder: buildDecoder(),
    judges: { judge: judge.model, judge_mlp: mlp.model },
  };
  const engine = createMuddleEngine(models);
  const before = tf.memory().numTensors;
  for (const method of MUDDLE_METHODS) {
    const r = engine.generate({ digit: 2, method, seed: 1 });
    assert(r.image.length === 784 && r.judge.probabilities.length === 10);
  }
  assertEquals(tf.memory().numTensors, before);
  disposeModels(fixture);
  // The logits views share the models' layers, so disposing the models frees everything.
  for (const m of [models.decoder, judge.model, mlp.model]) m.dispose();
});

Deno.test("isDigitLike() accepts decoded real digits and rejects a blank or a smudge", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  const real = engine.decode(models.latents.subarray(10, 20)); // an image of digit 1
  assert(engine.isDigitLike(real, 1, 6));
  assert(!engine.isDigitLike(new Float32Array(784), 1, 6));
  assert(!engine.isDigitLike(new Float32Array(784).fill(0.5), 1, 6));
  disposeModels(models);
});
