import { readCommandLine } from "../lib/validation/command_line.ts";

/** Options of `deno task train`. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  /** Model directory to write (default static/model). */
  out: string;
  resume: boolean;
  /** Train on the first N training images only (null: all 60,000). */
  limit: number | null;
  /** Epochs for each classifier (judge, judge_mlp, holdout). */
  judgeEpochs: number;
  /**
   * Evaluate on and export only the first N test images and the first N
   * training images (at least those trained on); null: all. Quick runs and
   * tests, where encoding and projecting all 70,000 images costs most.
   */
  evalLimit: number | null;
  /** UMAP optimisation epochs (fewer: faster, rougher map; tests use few). */
  umapEpochs: number;
  /** "wasm" (fast kernels, default) or "cpu" (stock tfjs, slow; for debugging). */
  backend: "wasm" | "cpu";
  /** A folder of four IDX files in MNIST's layout to train on instead of MNIST (null: MNIST). */
  data: string | null;
  /** Names of classes 0-9, for the manifest (null: the digits). */
  classes: string[] | null;
  help: boolean;
}

/** The defaults, as `--help` prints them. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 20,
  batchSize: 32,
  seed: 0,
  out: "static/model",
  resume: false,
  limit: null,
  judgeEpochs: 5,
  evalLimit: null,
  umapEpochs: 200,
  backend: "wasm",
  data: null,
  classes: null,
  help: false,
};

/** `--help` text. */
export const TRAIN_USAGE = `Usage: deno task train [options]

Trains the autoencoder and the classifiers on MNIST, then smooths the decoder on
noisy latents (3 epochs), and writes the model directory (manifest.json last; old
set replaced only once the new one is complete).

  --epochs N         autoencoder epochs (default ${DEFAULT_TRAIN_OPTIONS.epochs})
  --batch-size B     batch size (default ${DEFAULT_TRAIN_OPTIONS.batchSize})
  --seed S           random seed: weights, shuffles, UMAP (default ${DEFAULT_TRAIN_OPTIONS.seed})
  --out DIR          model directory (default ${DEFAULT_TRAIN_OPTIONS.out})
  --resume           continue from the last complete epoch's checkpoint
  --limit N          train on the first N training images only (quick runs)
  --judge-epochs N   epochs of the judge and judge_mlp; the holdout gets half (default ${DEFAULT_TRAIN_OPTIONS.judgeEpochs})
  --eval-limit N     evaluate and export the first N test and training images only (quick runs)
  --umap-epochs N    UMAP optimisation epochs (default ${DEFAULT_TRAIN_OPTIONS.umapEpochs})
  --backend NAME     wasm (default) or cpu (stock tfjs kernels, slow)
  --data DIR         train on the four IDX files (MNIST's names, plain or .gz) in DIR
  --classes "a,b,.." names of classes 0-9, shown instead of the digits
  --help             show this text
`;

/** The valued options, as parseArgs declares them. */
const VALUED = [
  "epochs",
  "batch-size",
  "seed",
  "out",
  "limit",
  "judge-epochs",
  "eval-limit",
  "umap-epochs",
  "backend",
  "data",
  "classes",
] as const;

/**
 * Parses the command line with the project's reader over `node:util`
 * parseArgs (strict: unknown options and stray arguments are errors). Throws a TypeError
 * or RangeError naming the option and what was expected.
 */
export function parseTrainArgs(argv: readonly string[]): TrainOptions {
  const values = readCommandLine("train", argv, {
    ...Object.fromEntries(VALUED.map((name) => [name, { type: "string" as const }])),
    resume: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const options = { ...DEFAULT_TRAIN_OPTIONS };
  const integer = (name: string, min: number): number | undefined => {
    const value = values[name] as string | undefined;
    if (value === undefined) return undefined;
    // Decimal digits only: Number() would also take "0x10", " 4" or "1e1".
    if (!/^\d{1,15}$/.test(value) || Number(value) < min) {
      throw new RangeError(`train: --${name} ${value} is not valid, expected an integer >= ${min}`);
    }
    return Number(value);
  };
  options.epochs = integer("epochs", 1) ?? options.epochs;
  options.batchSize = integer("batch-size", 1) ?? options.batchSize;
  options.seed = integer("seed", 0) ?? options.seed;
  options.limit = integer("limit", 1) ?? options.limit;
  options.judgeEpochs = integer("judge-epochs", 0) ?? options.judgeEpochs;
  options.evalLimit = integer("eval-limit", 1) ?? options.evalLimit;
  options.umapEpochs = integer("umap-epochs", 1) ?? options.umapEpochs;
  if (values.out !== undefined) {
    if (values.out === "") throw new TypeError("train: --out needs a directory");
    options.out = values.out as string;
  }
  if (values.data !== undefined) {
    if (values.data === "") throw new TypeError("train: --data needs a directory");
    options.data = values.data as string;
  }
  if (values.classes !== undefined) {
    options.classes = parseClassNames(values.classes as string);
  }
  if (values.backend !== undefined) {
    if (values.backend !== "wasm" && values.backend !== "cpu") {
      throw new TypeError(`train: --backend ${values.backend} is not known, expected wasm or cpu`);
    }
    options.backend = values.backend;
  }
  options.resume = values.resume === true;
  options.help = values.help === true;
  if (options.limit !== null && options.limit < options.batchSize) {
    throw new RangeError(
      `train: --limit ${options.limit} is smaller than --batch-size ${options.batchSize}, expected at least one batch`,
    );
  }
  return options;
}

/** Ten comma-separated, distinct, non-empty class names (at most 40 characters each). */
export function parseClassNames(value: string | undefined): string[] {
  const names = (value ?? "").split(",").map((name) => name.trim());
  if (
    names.length !== 10 || names.some((n) => n === "" || n.length > 40) ||
    new Set(names).size !== 10
  ) {
    throw new RangeError(
      `train: --classes "${value ?? ""}" is not valid, expected 10 distinct comma-separated names`,
    );
  }
  return names;
}
