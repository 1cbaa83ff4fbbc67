/**
 * Inserts candidate `id` at squared distance `distance` into a top-k list
 * kept sorted nearest first (`distances`, `ids`, both of length k, unused
 * slots at Infinity). A candidate no nearer than the k-th is left out; equal
 * distances keep the earlier candidate first.
 */
export function insertNearest(
  distances: Float64Array,
  ids: Int32Array,
  distance: number,
  id: number,
): void {
  let slot = distances.length - 1;
  if (!(distance < distances[slot])) return;
  while (slot > 0 && distances[slot - 1] > distance) {
    distances[slot] = distances[slot - 1];
    ids[slot] = ids[slot - 1];
    slot--;
  }
  distances[slot] = distance;
  ids[slot] = id;
}
