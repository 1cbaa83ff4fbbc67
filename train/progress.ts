/** What the progress line shows. */
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  loss?: number;
  /** Seconds since this phase started. */
  elapsed: number;
}

/**
 * A one-line progress bar on stderr: label, bar, count, loss, images/s and
 * ETA. Redraws at most every 200 ms; without a terminal it prints one line
 * per finished phase only, so logs stay short.
 */
export class ProgressBar {
  #last = 0;
  #tty: boolean;
  #write: (text: string) => void;

  /** `write` defaults to stderr; tests pass their own. */
  constructor(write?: (text: string) => void, tty?: boolean) {
    const encoder = new TextEncoder();
    this.#write = write ?? ((text) => Deno.stderr.writeSync(encoder.encode(text)));
    this.#tty = tty ?? Deno.stderr.isTerminal();
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
  parts.push(`${Math.round(rate)} img/s`);
  parts.push(
    state.done >= state.total ? `${state.elapsed.toFixed(1)}s` : `ETA ${formatSeconds(eta)}`,
  );
  return parts.join("  ");
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
