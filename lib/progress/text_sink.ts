import type { ProgressSink } from "./progress_bar.ts";

/** A sink that keeps what a progress bar writes as text, for tests and quiet runs. */
export function textSink(lines: string[] = [], tty = false): ProgressSink {
  const decoder = new TextDecoder();
  return {
    writeSync(bytes) {
      lines.push(decoder.decode(bytes));
      return bytes.length;
    },
    isTerminal: () => tty,
  };
}
