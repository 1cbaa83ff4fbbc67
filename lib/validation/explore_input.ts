/**
 * Validators for the exploring endpoints (encode, neighbors, decode at a map
 * position). Like api_input.ts: untrusted JSON in, typed values out, or a
 * {@link ValidationError} saying what was wrong and what is allowed.
 *
 * @module
 */
import {
  parseFiniteNumber,
  parseIntegerInRange,
  parseObject,
  ValidationError,
} from "./api_input.ts";

/** Largest k `/api/neighbors` accepts. */
export const MAX_NEIGHBORS = 100;
/** k when a request gives none. */
export const DEFAULT_NEIGHBORS = 8;
/** The map projections, as named in the API and the model files. */
export const PROJECTIONS = ["umap", "pca"] as const;
/** One of {@link PROJECTIONS}. */
export type ProjectionName = typeof PROJECTIONS[number];

/** Reads `count` pixel values, each a finite number in 0..1 (784 for a 28x28 digit). */
export function parseImageValues(value: unknown, count: number, field = "image"): Float32Array {
  if (!Array.isArray(value) || value.length !== count) {
    const got = Array.isArray(value) ? `an array of ${value.length}` : typeof value;
    throw new ValidationError(
      field,
      `${field} must be an array of ${count} numbers in 0..1, got ${got}`,
    );
  }
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const x = value[i];
    if (typeof x !== "number" || !(x >= 0 && x <= 1)) {
      throw new ValidationError(
        `${field}[${i}]`,
        `${field}[${i}] must be a number in 0..1, got ${JSON.stringify(x)}`,
      );
    }
    out[i] = x;
  }
  return out;
}

/** A place on one of the maps. */
export interface MapPosition {
  projection: ProjectionName;
  xy: [number, number];
}

/** Reads `{"projection": "umap" | "pca", "xy": [x, y]}`. */
export function parsePosition(value: unknown, field = "position"): MapPosition {
  const obj = parseObject(value, ["projection", "xy"], field);
  const projection = obj.projection;
  if (typeof projection !== "string" || !(PROJECTIONS as readonly string[]).includes(projection)) {
    throw new ValidationError(
      `${field}.projection`,
      `${field}.projection must be "umap" or "pca", got ${JSON.stringify(projection) ?? "nothing"}`,
    );
  }
  const xy = obj.xy;
  if (!Array.isArray(xy) || xy.length !== 2) {
    throw new ValidationError(`${field}.xy`, `${field}.xy must be an array of two numbers [x, y]`);
  }
  return {
    projection: projection as ProjectionName,
    xy: [parseFiniteNumber(xy[0], `${field}.xy[0]`), parseFiniteNumber(xy[1], `${field}.xy[1]`)],
  };
}

/** Reads an optional k (1..{@link MAX_NEIGHBORS}; default {@link DEFAULT_NEIGHBORS}). */
export function parseNeighborCount(value: unknown, field = "k"): number {
  return value === undefined
    ? DEFAULT_NEIGHBORS
    : parseIntegerInRange(value, field, 1, MAX_NEIGHBORS);
}
