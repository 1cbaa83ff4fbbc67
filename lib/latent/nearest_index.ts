import { insertNearest } from "./insert_nearest.ts";
/** The k nearest points to a query, nearest first. */
export interface Neighbors {
  /** Row of each neighbour in the indexed points. */
  indices: number[];
  /** Its Euclidean distance to the query. */
  distances: number[];
}

/** An exact nearest-neighbour index over fixed points; see {@link createNearestIndex}. */
export interface NearestIndex {
  readonly count: number;
  readonly dim: number;
  /** The `k` nearest rows to `query` (dim values); `exclude` leaves one row out. */
  nearest(query: ArrayLike<number>, k: number, exclude?: number): Neighbors;
}

/** Rows per leaf: scanning a few rows costs less than descending further. */
const LEAF = 12;

/**
 * Builds an exact k-nearest-neighbour index over `points` ([n, dim]
 * row-major, Euclidean): a k-d tree split at the median of the widest
 * dimension. A query descends to its own leaf first, then visits a far side
 * only when the box around it could still hold something nearer than the
 * k-th best so far (the distance to that box is kept incrementally, per
 * dimension), so it never misses a row. Building is O(n log n).
 */
export function createNearestIndex(points: Float32Array, dim: number): NearestIndex {
  const count = points.length / dim;
  if (!Number.isInteger(dim) || dim < 1 || !Number.isInteger(count) || count < 2) {
    throw new RangeError(
      `createNearestIndex() needs at least 2 rows of ${dim} values, got ${points.length} values`,
    );
  }
  const order = Int32Array.from({ length: count }, (_, r) => r);
  // Nodes in flat arrays; node i's children are left[i] and left[i] + 1; a leaf has left -1.
  const maxNodes = 2 * Math.ceil(count / LEAF) * 2 + 1;
  const start = new Int32Array(maxNodes), end = new Int32Array(maxNodes);
  const left = new Int32Array(maxNodes).fill(-1), splitDim = new Int32Array(maxNodes);
  const splitValue = new Float64Array(maxNodes);
  let nodes = 1;
  const stack = [0];
  [start[0], end[0]] = [0, count];
  while (stack.length) {
    const node = stack.pop()!;
    const [lo, hi] = [start[node], end[node]];
    if (hi - lo <= LEAF) continue;
    let widest = 0, spread = -1;
    for (let j = 0; j < dim; j++) {
      let min = Infinity, max = -Infinity;
      for (let s = lo; s < hi; s++) {
        const v = points[order[s] * dim + j];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > spread) [spread, widest] = [max - min, j];
    }
    if (spread <= 0) continue; // all rows equal: a leaf however many
    const mid = (lo + hi) >> 1;
    select(order, lo, hi - 1, mid, (r) => points[r * dim + widest]);
    splitDim[node] = widest;
    splitValue[node] = points[order[mid] * dim + widest];
    left[node] = nodes;
    [start[nodes], end[nodes], start[nodes + 1], end[nodes + 1]] = [lo, mid, mid, hi];
    stack.push(nodes, nodes + 1);
    nodes += 2;
  }
  // Rows copied in tree order, so a leaf reads memory in sequence.
  const sorted = new Float32Array(points.length);
  for (let s = 0; s < count; s++) {
    sorted.set(points.subarray(order[s] * dim, order[s] * dim + dim), s * dim);
  }

  return {
    count,
    dim,
    nearest(query, k, exclude = -1) {
      if (query.length !== dim) {
        throw new RangeError(`query has ${query.length} values, expected ${dim}`);
      }
      const limit = count - (exclude >= 0 && exclude < count ? 1 : 0);
      if (!Number.isInteger(k) || k < 1 || k > limit) {
        throw new RangeError(`k must be an integer from 1 to ${limit}, got ${k}`);
      }
      const best = new Float64Array(k).fill(Infinity);
      const slots = new Int32Array(k).fill(-1);
      const offset = new Float64Array(dim);
      const visit = (node: number, boxDistance: number) => {
        if (left[node] < 0) {
          for (let s = start[node]; s < end[node]; s++) {
            if (order[s] === exclude) continue;
            const worst = best[k - 1];
            let d = 0;
            for (let j = 0, at = s * dim; j < dim && d < worst; j++) {
              const diff = query[j] - sorted[at + j];
              d += diff * diff;
            }
            insertNearest(best, slots, d, s);
          }
          return;
        }
        const j = splitDim[node];
        const gap = query[j] - splitValue[node];
        const [near, far] = gap < 0 ? [left[node], left[node] + 1] : [left[node] + 1, left[node]];
        visit(near, boxDistance);
        const old = offset[j];
        const farDistance = boxDistance - old * old + gap * gap;
        if (farDistance < best[k - 1]) {
          offset[j] = gap;
          visit(far, farDistance);
          offset[j] = old;
        }
      };
      visit(0, 0);
      return {
        indices: Array.from(slots, (s) => order[s]),
        distances: Array.from(best, Math.sqrt),
      };
    },
  };
}

/** Reorders order[lo..hi] so that position `nth` holds the row whose key ranks there (Hoare's select). */
function select(
  order: Int32Array,
  lo: number,
  hi: number,
  nth: number,
  key: (r: number) => number,
) {
  while (hi > lo) {
    const pivot = key(order[(lo + hi) >> 1]);
    let [i, j] = [lo, hi];
    while (i <= j) {
      while (key(order[i]) < pivot) i++;
      while (key(order[j]) > pivot) j--;
      if (i <= j) {
        [order[i], order[j]] = [order[j], order[i]];
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
