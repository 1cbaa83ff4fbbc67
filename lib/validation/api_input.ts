/**
 * Validators for the HTTP API's inputs, shared by the routes and the fuzz
 * test. Each one takes an untrusted value (a JSON field or a query string)
 * and returns a typed value or throws a {@link ValidationError} whose message
 * says what was wrong and what is allowed. Framework-free: no Deno, no Hono.
 *
 * @module
 */
import { MAX_SEED } from "../random/seeded_rng.ts";

/** Largest step count `/api/path` accepts (documented in docs/hardening.md). */
export const MAX_PATH_STEPS = 64;
/** Largest absolute value of one latent coordinate the API accepts. */
export const MAX_LATENT_ABS = 1000;
/** Largest seed the API accepts (one domain, 0..2^32-1, with the CLI and the engine). */
export { MAX_SEED };
/** The muddle methods, as named in the API and the CLI. */
export const MUDDLE_METHODS = ["avg", "farthest", "boundary"] as const;
/** One of {@link MUDDLE_METHODS}. */
export type MuddleMethodName = typeof MUDDLE_METHODS[number];

/**
 * A rejected input. Routes and the error middleware turn it into a 400 with
 * `{"error": message}`. Extends RangeError, as the house style asks.
 */
export class ValidationError extends RangeError {
  /** The field at fault, e.g. "latent[3]". */
  readonly field: string;
  /** HTTP status the server should answer with. */
  readonly status: number;

  /** Creates an error for `field`; `message` says what was wrong and what is allowed. */
  constructor(field: string, message: string, status = 400) {
    super(message);
    this.name = "ValidationError";
    this.field = field;
    this.status = status;
  }
}

// Plain decimal numbers only: no hex, no "Infinity", no whitespace, no "1_000".
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Shows a rejected value briefly, so error messages stay short and safe to echo. */
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value));
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Reads a finite number from a JSON number or a query-string value.
 * Rejects NaN, Infinity, empty strings, hex and anything that is not decimal.
 */
export function parseFiniteNumber(value: unknown, field: string): number {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && value.length <= 40 && DECIMAL.test(value)) {
    n = Number(value);
  } else throw new ValidationError(field, `${field} must be a finite number, got ${show(value)}`);
  if (!Number.isFinite(n)) {
    throw new ValidationError(field, `${field} must be a finite number, got ${show(value)}`);
  }
  return n;
}

/** Reads an integer in [min, max] from a JSON number or a query-string value. */
export function parseIntegerInRange(
  value: unknown,
  field: string,
  min: number,
  max: number,
): number {
  const what = `${field} must be an integer from ${min} to ${max}`;
  // Text must be written as an integer: "4.0", "4e0" or "0.99999999999999999" (which rounds to 1)
  // are not.
  if (typeof value === "string" && !/^-?\d{1,16}$/.test(value)) {
    throw new ValidationError(field, `${what}, got ${show(value)}`);
  }
  let n: number;
  try {
    n = parseFiniteNumber(value, field);
  } catch {
    throw new ValidationError(field, `${what}, got ${show(value)}`);
  }
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError(field, `${what}, got ${show(value)}`);
  }
  return n;
}

/**
 * Requires a JSON number (a body field): `"16"` is refused, as the API's
 * docs promise, although a query string would carry the same text.
 */
export function requireJsonNumber(value: unknown, field: string): number {
  if (typeof value !== "number") {
    throw new ValidationError(field, `${field} must be a JSON number, got ${show(value)}`);
  }
  return value;
}

/** Reads a digit class, 0 to 9. */
export function parseDigit(value: unknown, field = "digit"): number {
  return parseIntegerInRange(value, field, 0, 9);
}

/** Reads a position along a path, a finite number in [0, 1]. */
export function parseT(value: unknown, field = "t"): number {
  const n = parseFiniteNumber(value, field);
  if (n < 0 || n > 1) {
    throw new ValidationError(field, `${field} must be a number from 0 to 1, got ${show(value)}`);
  }
  return n;
}

/**
 * Reads a seed, an integer from 0 to 2^32 - 1. As text it must be written as
 * an integer: `0.99999999999999999` parses to 1 but is not one.
 */
export function parseSeed(value: unknown, field = "seed"): number {
  if (typeof value === "string" && !/^\d{1,10}$/.test(value)) {
    throw new ValidationError(
      field,
      `${field} must be an integer from 0 to ${MAX_SEED} in decimal digits, got ${show(value)}`,
    );
  }
  return parseIntegerInRange(value, field, 0, MAX_SEED);
}

/** Reads a step count for a path, 2 to `max` (default {@link MAX_PATH_STEPS}). */
export function parseSteps(value: unknown, field = "steps", max = MAX_PATH_STEPS): number {
  return parseIntegerInRange(value, field, 2, max);
}

/** Reads a muddle method name: "avg", "farthest" or "boundary". */
export function parseMethod(value: unknown, field = "method"): MuddleMethodName {
  if (typeof value === "string" && (MUDDLE_METHODS as readonly string[]).includes(value)) {
    return value as MuddleMethodName;
  }
  throw new ValidationError(
    field,
    `${field} must be one of ${MUDDLE_METHODS.join(", ")}, got ${show(value)}`,
  );
}

/**
 * Reads a latent vector: a JSON array of exactly `size` finite numbers, each
 * within ±{@link MAX_LATENT_ABS}. `size` comes from the loaded manifest.
 */
export function parseLatent(value: unknown, size: number, field = "latent"): Float32Array {
  if (!Array.isArray(value) || value.length !== size) {
    const got = Array.isArray(value) ? `an array of ${value.length}` : show(value);
    throw new ValidationError(field, `${field} must be an array of ${size} numbers, got ${got}`);
  }
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const x = value[i];
    if (typeof x !== "number" || !Number.isFinite(x) || Math.abs(x) > MAX_LATENT_ABS) {
      throw new ValidationError(
        `${field}[${i}]`,
        `${field}[${i}] must be a finite number within ±${MAX_LATENT_ABS}, got ${show(x)}`,
      );
    }
    out[i] = x;
  }
  return out;
}

/**
 * Checks that a parsed JSON body is a plain object whose keys are all in
 * `allowed`, and returns it typed as a record.
 */
export function parseObject(
  value: unknown,
  allowed: readonly string[],
  field = "body",
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ValidationError(field, `${field} must be a JSON object, got ${show(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ValidationError(
        field,
        `${field} has an unknown field ${show(key)}; allowed: ${allowed.join(", ")}`,
      );
    }
  }
  return value as Record<string, unknown>;
}

/** Reads a required field of an object checked by {@link parseObject}. */
export function requireField(body: Record<string, unknown>, key: string): unknown {
  if (!Object.hasOwn(body, key) || body[key] === undefined) {
    throw new ValidationError(key, `${key} is required`);
  }
  return body[key];
}
