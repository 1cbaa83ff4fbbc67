import { deepStrictEqual as assertEquals, rejects as assertRejects } from "node:assert/strict";
import { createDecodeBatcher, DecodeBusyError } from "./decode_batcher.ts";

/** A fake packed decoder: image i is latent i's values each repeated twice; records call sizes. */
function fakeDecoder() {
  const calls: number[] = [];
  const decode = (packed: Float32Array) => {
    calls.push(packed.length / 2);
    return Float32Array.from(Array.from(packed).flatMap((v) => [v, v]));
  };
  return { calls, decode };
}

Deno.test("createDecodeBatcher() decodes concurrent requests in one call and hands each its own image", async () => {
  const { calls, decode } = fakeDecoder();
  const batcher = createDecodeBatcher(decode, { latentSize: 2, imageSize: 4, maxBatch: 4 });
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => batcher.decode(Float32Array.of(i, -i))),
  );
  assertEquals(calls, [4, 4, 2]);
  results.forEach((image, i) => assertEquals(Array.from(image), [i, i, -i, -i]));
  assertEquals(batcher.stats(), { latents: 10, batches: 3, pending: 0, expired: 0 });
  const alone = await batcher.decode(Float32Array.of(7, 8));
  assertEquals(Array.from(alone), [7, 7, 8, 8]);
  assertEquals(calls, [4, 4, 2, 1]);
});

Deno.test("createDecodeBatcher() rejects a wrong-sized latent and every request of a failing batch", async () => {
  const batcher = createDecodeBatcher(() => {
    throw new Error("decoder broke");
  }, { latentSize: 2, imageSize: 4 });
  await assertRejects(batcher.decode(Float32Array.of(1)), /latent must hold 2 values, got 1/);
  const both = [batcher.decode(Float32Array.of(1, 2)), batcher.decode(Float32Array.of(3, 4))];
  for (const p of both) await assertRejects(p, /decoder broke/);
  const short = createDecodeBatcher(() => new Float32Array(3), { latentSize: 2, imageSize: 4 });
  await assertRejects(short.decode(Float32Array.of(1, 2)), /returned 3 values for 1 latents/);
});

Deno.test("createDecodeBatcher().idle() resolves only after every queued batch is decoded", async () => {
  const { calls, decode } = fakeDecoder();
  const batcher = createDecodeBatcher(decode, { latentSize: 2, imageSize: 4, maxBatch: 2 });
  await batcher.idle(); // nothing queued: at once
  const pending = Array.from({ length: 5 }, (_, i) => batcher.decode(Float32Array.of(i, i)));
  assertEquals(calls, []);
  await batcher.idle();
  assertEquals(calls, [2, 2, 1]);
  await Promise.all(pending);
});

Deno.test("createDecodeBatcher() rejects latents that waited past maxWaitMs, and decodes the rest", async () => {
  const { calls, decode } = fakeDecoder();
  let block = true;
  const batcher = createDecodeBatcher((packed) => {
    // The first batch holds the thread for 30 ms, as a busy server would.
    if (block) {
      block = false;
      const until = performance.now() + 30;
      while (performance.now() < until) { /* busy */ }
    }
    return decode(packed);
  }, { latentSize: 2, imageSize: 4, maxBatch: 1, maxWaitMs: 10 });
  const results = await Promise.allSettled(
    Array.from({ length: 3 }, (_, i) => batcher.decode(Float32Array.of(i, i))),
  );
  assertEquals(results[0].status, "fulfilled");
  for (const r of results.slice(1)) {
    assertEquals(r.status === "rejected" && r.reason instanceof DecodeBusyError, true);
  }
  assertEquals(calls, [1]);
  assertEquals(batcher.stats(), { latents: 1, batches: 1, pending: 0, expired: 2 });
});
