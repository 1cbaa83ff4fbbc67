/**
 * `deno task bench:neighbors`: how long the k = 8 nearest neighbours of a
 * moving handle take, over the 10,000 test latents and over all 70,000
 * (test + training), by brute force and through lib/latent/nearest_index.ts,
 * side by side in one run. The handle sweeps the straight paths between 200
 * pairs of test latents in 60 steps each (12,000 queries per row), as
 * dragging it along a path does. Prints mean, p95 and max per query (ms); the
 * last line is JSON. One frame at 60 Hz is 16.7 ms.
 */
import { decodeArray } from "../lib/artifacts/binary_array.ts";
import { createNearestIndex } from "../lib/latent/nearest_index.ts";
import { insertNearest } from "../lib/latent/insert_nearest.ts";

const dir = Deno.args[0] ?? "static/model";
const read = async (file: string, n: number) =>
  decodeArray(await Deno.readFile(`${dir}/${file}`), "float32", [n, 10], file) as Float32Array;
const test = await read("test_latents.bin", 10000);
const train = await read("train_latents.bin", 60000);
const all = new Float32Array(test.length + train.length);
all.set(test);
all.set(train, test.length);

const K = 8, PAIRS = 200, STEPS = 60, DIM = 10;
const queries: Float32Array[] = [];
for (let p = 0; p < PAIRS; p++) {
  const [a, b] = [(p * 37) % 10000, (p * 7919 + 5000) % 10000];
  for (let s = 0; s < STEPS; s++) {
    const t = s / (STEPS - 1);
    queries.push(
      Float32Array.from(
        { length: DIM },
        (_, j) => (1 - t) * test[a * DIM + j] + t * test[b * DIM + j],
      ),
    );
  }
}

function bruteForce(points: Float32Array) {
  const n = points.length / DIM;
  return (q: Float32Array) => {
    const best = new Float64Array(K).fill(Infinity), idx = new Int32Array(K);
    for (let r = 0; r < n; r++) {
      let d = 0;
      for (let j = 0; j < DIM; j++) {
        const x = points[r * DIM + j] - q[j];
        d += x * x;
      }
      insertNearest(best, idx, d, r);
    }
    return idx;
  };
}

function time(label: string, find: (q: Float32Array) => unknown) {
  for (let i = 0; i < 200; i++) find(queries[i]); // warm up the JIT
  const times = queries.map((q) => {
    const t0 = performance.now();
    find(q);
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b) / times.length;
  const row = {
    label,
    meanMs: +mean.toFixed(4),
    p95Ms: +times[Math.floor(0.95 * times.length)].toFixed(4),
    maxMs: +times.at(-1)!.toFixed(4),
  };
  console.log(
    `${label.padEnd(28)} mean ${row.meanMs} ms  p95 ${row.p95Ms} ms  max ${row.maxMs} ms`,
  );
  return row;
}

const t0 = performance.now();
const index10k = createNearestIndex(test, DIM);
const build10k = performance.now() - t0;
const t1 = performance.now();
const index70k = createNearestIndex(all, DIM);
const build70k = performance.now() - t1;
console.log(`index build: 10k ${build10k.toFixed(1)} ms, 70k ${build70k.toFixed(1)} ms`);
const rows = [
  time("10k brute force", bruteForce(test)),
  time("10k index", (q) => index10k.nearest(q, K)),
  time("70k brute force", bruteForce(all)),
  time("70k index", (q) => index70k.nearest(q, K)),
];
console.log(
  `index speed-up: 10k ${(rows[0].meanMs / rows[1].meanMs).toFixed(1)}x, 70k ${
    (rows[2].meanMs / rows[3].meanMs).toFixed(1)
  }x`,
);
console.log(JSON.stringify({ queries: queries.length, k: K, rows }));
