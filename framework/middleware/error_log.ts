/**
 * Server errors logged one line each, at most `perWindow` lines per window.
 * A stack trace per bad request let 8 connections write 85 MB of log in
 * 10 s; one line names the request and the error, and a flood of them is
 * summarised as a count.
 *
 * @module
 */

/** Options of {@link rateLimitedLog}. */
export interface ErrorLogOptions {
  /** Lines allowed per window; default 10. */
  perWindow?: number;
  /** The window, in ms; default 1,000. */
  windowMs?: number;
  /** Where lines go; default `console.error`. */
  write?: (line: string) => void;
  /** The clock, in ms (tests pass their own). */
  now?: () => number;
}

/** A logger: `(what, error)` writes one line, or counts it when over the rate. */
export type ErrorLog = (what: string, error?: unknown) => void;

/** One line for an error: its name and the first line of its message, at most 300 characters. */
export function describeError(error: unknown): string {
  const text = error instanceof Error
    ? `${error.name}: ${error.message}`
    : typeof error === "string"
    ? error
    : String(error);
  const line = text.split("\n", 1)[0];
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Creates a logger with its own counters (one per server). */
export function rateLimitedLog(options: ErrorLogOptions = {}): ErrorLog {
  const perWindow = options.perWindow ?? 10;
  const windowMs = options.windowMs ?? 1_000;
  const write = options.write ?? ((line: string) => console.error(line));
  const now = options.now ?? (() => Date.now());
  let windowStart = -Infinity;
  let written = 0;
  let suppressed = 0;
  return (what, error) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      if (suppressed > 0) write(`(${suppressed} more error lines suppressed in the last window)`);
      windowStart = t;
      written = 0;
      suppressed = 0;
    }
    if (written >= perWindow) {
      suppressed++;
      return;
    }
    written++;
    const safe = what.replace(/[\r\n]/g, " ").slice(0, 200);
    write(error === undefined ? safe : `${safe} ${describeError(error)}`);
  };
}
