/**
 * `deno task bench:muddle [--count N] [--model DIR] [--method M]`: time per
 * output of a method (default boundary) on the shipped model, with the wasm
 * backend the CLI uses. Prints mean, median and p95; the last line is JSON.
 */
import { loadEngine } from "../cli/load_engine.ts";
import { MUDDLE_METHODS, type MuddleMethod } from "../lib/muddle/types.ts";
import * as tf from "@tensorflow/tfjs";

const argv = [...Deno.args];
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const count = Number(option("count", "100"));
const method = option("method", "boundary") as MuddleMethod;
if (!Number.isInteger(count) || count < 1 || count > 10000) {
  console.error(`error: --count must be an integer from 1 to 10000, got ${option("count", "")}`);
  Deno.exit(2);
}
if (!MUDDLE_METHODS.includes(method)) {
  console.error(`error: --method must be one of ${MUDDLE_METHODS.join(", ")}, got ${method}`);
  Deno.exit(2);
}
const loaded = await loadEngine(option("model", "static/model"), false);
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
