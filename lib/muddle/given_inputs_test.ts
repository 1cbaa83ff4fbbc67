import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { drawDistinct } from "./draw_inputs.ts";
import { createMuddleEngine } from "./engine.ts";
import { createFixtureModels, disposeModels } from "./testing.ts";
import { MUDDLE_METHODS } from "./types.ts";

Deno.test("generate({ from }) starts every method from the given test image", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  const before = tf.memory().numTensors;
  for (const method of MUDDLE_METHODS) {
    for (const from of [3, 17, 254]) {
      const r = engine.generate({ from, method, seed: 5 });
      assertEquals([r.from.index, r.digit], [from, models.labels[from]]);
      assert(r.partner !== r.digit);
    }
  }
  assertEquals(tf.memory().numTensors, before);
  disposeModels(models);
});

Deno.test("boundary gives distinct outputs for 60 distinct inputs of one digit", () => {
  const models = createFixtureModels(80);
  const engine = createMuddleEngine(models);
  const inputs = engine.drawInputs(4, 60, 100);
  const images = inputs.map((from, i) =>
    Array.from(
      engine.generate({ from, method: "boundary", seed: 100 + i }).image,
      (v) => Math.round(v * 255),
    ).join()
  );
  assert(new Set(images).size >= 59, `${new Set(images).size} distinct of 60`);
  disposeModels(models);
});

Deno.test("the same from and seed give the same output", () => {
  const models = createFixtureModels();
  const engine = createMuddleEngine(models);
  for (const method of MUDDLE_METHODS) {
    const a = engine.generate({ from: 42, method, seed: 7 });
    const b = engine.generate({ from: 42, method, seed: 7 });
    assertEquals({ ...a, image: Array.from(a.image) }, { ...b, image: Array.from(b.image) });
  }
  disposeModels(models);
});

Deno.test("drawDistinct() draws without repeats, the same for a seed, and covers the pool", () => {
  const pool = Array.from({ length: 50 }, (_, i) => i * 3);
  const drawn = drawDistinct(pool, 50, 9);
  assertEquals([...drawn].sort((a, b) => a - b), pool);
  assertEquals(drawDistinct(pool, 20, 9), drawDistinct(pool, 20, 9));
  assert(drawDistinct(pool, 20, 9).join() !== drawDistinct(pool, 20, 10).join());
  // Uniform: over many seeds, every item comes first about equally often.
  const firsts = new Map<number, number>();
  for (let seed = 0; seed < 5000; seed++) {
    const first = drawDistinct(pool, 1, seed)[0];
    firsts.set(first, (firsts.get(first) ?? 0) + 1);
  }
  assertEquals(firsts.size, 50);
  for (const n of firsts.values()) assert(n > 50 && n < 160, `first ${n} times of 5000`);
});
