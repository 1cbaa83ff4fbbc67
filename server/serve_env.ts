/**
 * The server's settings from its environment, checked strictly: `PORT`,
 * `HOST` and the limits of docs/hardening.md, each overridable so that a
 * test (or a small machine) can use small numbers. A bad value is a
 * RangeError naming the variable, the value and what is allowed.
 *
 * @module
 */
import type { HardeningOptions } from "./hardening.ts";
import { DEFAULT_API_LOAD_LIMITS } from "./hardening.ts";
import {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
} from "../framework/middleware/json_body.ts";

/** Everything main.ts reads from the environment. */
export interface ServeSettings {
  port: number;
  hostname: string;
  hardening: Required<Pick<HardeningOptions, "apiLoad" | "body">>;
  /** How long a failed listener is retried before the process exits 1, in ms. */
  relistenForMs: number;
}

/** Reads a port: decimal digits only, 0 to 65535 (0 picks a free one). */
export function parsePort(text: string, name = "PORT"): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new RangeError(
      `${name} must be an integer from 0 to 65535 in decimal digits, got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

/** Reads an interface to bind: an IPv4/IPv6 address or a host name, no port. */
export function parseHost(text: string, name = "HOST"): string {
  if (!/^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})|[0-9A-Fa-f:.]{2,45})$/.test(text)) {
    throw new RangeError(
      `${name} must be an address or host name to bind, such as 127.0.0.1, 0.0.0.0 or ::, got ${
        JSON.stringify(text.slice(0, 60))
      }`,
    );
  }
  return text;
}

/** Reads integer setting `name` from `env`: `fallback` when unset, else min..max in decimal digits. */
export function integerSetting(
  env: (name: string) => string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env(name);
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new RangeError(
      `${name} must be an integer from ${min} to ${max} in decimal digits, got ${
        JSON.stringify(text)
      }`,
    );
  }
  return Number(text);
}

/** Reads the settings; `env` defaults to `Deno.env.get`. */
export function serveSettings(
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): ServeSettings {
  const d = DEFAULT_API_LOAD_LIMITS;
  const limit = (name: string, fallback: number, min: number, max: number) =>
    integerSetting(env, name, fallback, min, max);
  return {
    port: parsePort(env("PORT") ?? "8000"),
    hostname: parseHost(env("HOST") ?? "0.0.0.0"),
    hardening: {
      apiLoad: {
        maxInFlight: limit("MUDDLE_MAX_IN_FLIGHT", d.maxInFlight, 1, 10_000),
        maxQueued: limit("MUDDLE_MAX_QUEUED", d.maxQueued, 0, 100_000),
        maxWaitMs: limit("MUDDLE_QUEUE_WAIT_MS", d.maxWaitMs, 0, 600_000),
        startWithinMs: limit("MUDDLE_START_WITHIN_MS", d.startWithinMs!, 1, 600_000),
        retryAfterSeconds: d.retryAfterSeconds,
      },
      body: {
        maxBytes: limit("MUDDLE_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 64, 16 * 1024 * 1024),
        maxDepth: DEFAULT_MAX_JSON_DEPTH,
        timeoutMs: limit("MUDDLE_BODY_TIMEOUT_MS", DEFAULT_BODY_TIMEOUT_MS, 1, 600_000),
      },
    },
    relistenForMs: limit("MUDDLE_RELISTEN_FOR_MS", 60_000, 0, 86_400_000),
  };
}
