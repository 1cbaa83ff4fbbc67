/**
 * `deno task bench:muddle [--count N] [--model DIR] [--method M]`: time per
 * output of a method (default boundary) on the shipped model, with the wasm
 * backend the CLI uses. Prints mean, median and p95; the last line is JSON.
 */
import { loadEngine } from "../cli/load_engine.ts";
import { MUDDLE_METHODS, type MuddleMethod } from "../lib/muddle/mod.ts";
import * as tf from "@tensorflow/tfjs";
import { choiceOption, integerOption, readCommandLine } from "../lib/validation/command_line.ts";

const command = "bench:muddle";
let count: number, method: MuddleMethod, model: string;
try {
  const values = readCommandLine(command, Deno.args, {
    count: { type: "string" },
    method: { type: "string" },
    model: { type: "string" },
  });
  count = integerOption(command, values, "count", 1, 10_000, 100);
  method = choiceOption(command, values, "method", MUDDLE_METHODS, "boundary");
  model = (values.model as string | undefined) ?? "static/model";
} catch (error) {
  console.error((error as Error).message);
  Deno.exit(2);
}
const loaded = await loadEngine(model, false);
const { engine } = loaded;
// Warm up: the first calls compile wasm kernels and allocate.
for (let i = 0; i < 5; i++) engine.generate({ digit: i, method, seed: 1000 + i });
const times: number[] = [];
for (let i = 0; i < count; i++) {
  const start = performance.now();
  engine.generate({ digit: i % 10, method, seed: i });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b) / count;
const at = (q: number) => times[Math.min(count - 1, Math.floor(q * count))];
console.log(`${method}: ${count} outputs on the ${tf.getBackend()} backend`);
console.log(
  `  mean ${mean.toFixed(2)} ms, median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`,
);
console.log(JSON.stringify({
  method,
  backend: tf.getBackend(),
  count,
  meanMs: +mean.toFixed(3),
  medianMs: +at(0.5).toFixed(3),
  p95Ms: +at(0.95).toFixed(3),
}));
loaded.dispose();
