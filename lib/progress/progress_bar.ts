/** What the progress line shows. */
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  loss?: number;
  /** Seconds since this phase started. */
  elapsed: number;
  /** What `done` counts, per second (default "img/s"). */
  unit?: string;
}

/** Where a progress bar writes: `Deno.stderr` is one; tests use `textSink`. */
export interface ProgressSink {
  writeSync(bytes: Uint8Array): number;
  isTerminal(): boolean;
}

/**
 * A one-line progress bar: label, bar, count, loss, rate and ETA. Redraws at
 * most every 200 ms; without a terminal it prints one line per finished phase
 * only, so logs stay short.
 */
export class ProgressBar {
  #last = -Infinity;
  #tty: boolean;
  #sink: ProgressSink;
  #encoder = new TextEncoder();

  constructor(sink: ProgressSink) {
    this.#sink = sink;
    this.#tty = sink.isTerminal();
  }

  #write(text: string): void {
    this.#sink.writeSync(this.#encoder.encode(text));
  }

  /** Updates the line; forced at the end of a phase. */
  update(state: ProgressState): void {
    const now = performance.now();
    const finished = state.done >= state.total;
    if (!finished && now - this.#last < 200) return;
    this.#last = now;
    if (!this.#tty && !finished) return;
    const line = formatProgress(state);
    this.#write(this.#tty ? `\r\x1b[2K${line}${finished ? "\n" : ""}` : `${line}\n`);
  }

  /** Prints a message on its own line. */
  log(message: string): void {
    this.#write(`${message}\n`);
  }
}

/** The text of one progress line (exported for tests). */
export function formatProgress(state: ProgressState): string {
  const width = 24;
  const fraction = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const filled = Math.round(fraction * width);
  const rate = state.elapsed > 0 ? state.done / state.elapsed : 0;
  const eta = rate > 0 ? (state.total - state.done) / rate : 0;
  const parts = [
    `${state.label} [${"#".repeat(filled)}${".".repeat(width - filled)}]`,
    `${state.done}/${state.total}`,
  ];
  if (state.loss !== undefined) parts.push(`loss ${state.loss.toFixed(5)}`);
  parts.push(`${Math.round(rate)} ${state.unit ?? "img/s"}`);
  parts.push(
    state.done >= state.total ? `${state.elapsed.toFixed(1)}s` : `ETA ${formatSeconds(eta)}`,
  );
  return parts.join("  ");
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
