import { deepStrictEqual as assertEquals, ok, throws } from "node:assert/strict";
import { createRng } from "../random/seeded_rng.ts";
import { createNearestIndex } from "./nearest_index.ts";

function randomPoints(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.next() * 4 - 2);
}

function bruteForce(
  points: Float32Array,
  dim: number,
  q: ArrayLike<number>,
  k: number,
  exclude = -1,
) {
  const all = [];
  for (let r = 0; r < points.length / dim; r++) {
    if (r === exclude) continue;
    let d = 0;
    for (let j = 0; j < dim; j++) d += (points[r * dim + j] - q[j]) ** 2;
    all.push({ r, d: Math.sqrt(d) });
  }
  all.sort((a, b) => a.d - b.d);
  return all.slice(0, k);
}

Deno.test("createNearestIndex() finds exactly the brute-force neighbours, nearest first", () => {
  for (const dim of [2, 10]) {
    const points = randomPoints(2000, dim, dim);
    const index = createNearestIndex(points, dim);
    const queries = randomPoints(50, dim, 99);
    for (let q = 0; q < 50; q++) {
      const query = queries.subarray(q * dim, (q + 1) * dim);
      const got = index.nearest(query, 7);
      const want = bruteForce(points, dim, query, 7);
      assertEquals(got.indices, want.map((w) => w.r));
      got.distances.forEach((d, i) => ok(Math.abs(d - want[i].d) < 1e-5));
    }
  }
});

Deno.test("createNearestIndex() finds a point itself at distance 0 unless it is excluded", () => {
  const points = randomPoints(500, 10, 3);
  const index = createNearestIndex(points, 10);
  const self = points.subarray(420 * 10, 421 * 10);
  assertEquals(index.nearest(self, 1).indices, [420]);
  ok(index.nearest(self, 1).distances[0] === 0);
  const others = index.nearest(self, 3, 420);
  assertEquals(others.indices, bruteForce(points, 10, self, 3, 420).map((w) => w.r));
});

Deno.test("createNearestIndex() rejects a bad k, a wrong query length and too few points", () => {
  const index = createNearestIndex(randomPoints(10, 2, 1), 2);
  throws(() => index.nearest([0, 0], 0), /k must be an integer from 1 to 10/);
  throws(() => index.nearest([0, 0], 11), RangeError);
  throws(() => index.nearest([0, 0, 0], 1), /expected 2/);
  throws(() => createNearestIndex(new Float32Array(2), 2), /at least 2 rows/);
});

Deno.test("createNearestIndex() stays exact with many repeated and collinear points", () => {
  const points = new Float32Array(600 * 3);
  for (let r = 0; r < 600; r++) points[r * 3] = r < 400 ? 1 : r % 7; // 400 copies of one point
  const index = createNearestIndex(points, 3);
  for (const query of [[1, 0, 0], [3.2, 0, 0], [6, 1, 0]]) {
    const got = index.nearest(query, 10);
    const want = bruteForce(points, 3, query, 10);
    got.distances.forEach((d, i) =>
      ok(Math.abs(d - want[i].d) < 1e-6, `${query}: ${got.distances}`)
    );
  }
});
