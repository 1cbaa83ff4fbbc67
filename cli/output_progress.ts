import { ProgressBar } from "../lib/progress/progress_bar.ts";

/**
 * A progress line on stderr while a command makes `total` outputs: call the
 * returned function with the count done. Only on a terminal, so that piped
 * output and CI logs stay as they were.
 */
export function outputProgress(label: string, total: number): (done: number) => void {
  if (!Deno.stderr.isTerminal()) return () => {};
  const bar = new ProgressBar(Deno.stderr);
  const started = performance.now();
  return (done) =>
    bar.update({
      label,
      done,
      total,
      elapsed: (performance.now() - started) / 1000,
      unit: "outputs/s",
    });
}
