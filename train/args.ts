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

Trains the autoencoder and the classifiers on MNIST and writes the model
directory (manifest.json last; old set replaced only once the new one is complete).

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

/**
 * Parses the command line. Throws a TypeError or RangeError naming the
 * option and what was expected; unknown options are errors, not ignored.
 */
export function parseTrainArgs(argv: readonly string[]): TrainOptions {
  const options = { ...DEFAULT_TRAIN_OPTIONS };
  const integer = (flag: string, value: string | undefined, min: number): number => {
    if (value === undefined || value.startsWith("--")) {
      throw new TypeError(`train: ${flag} needs a value, expected an integer >= ${min}`);
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new RangeError(`train: ${flag} ${value} is not valid, expected an integer >= ${min}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=")
      ? argv[i].split(/=(.*)/s, 2)
      : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--epochs":
        options.epochs = integer(flag, value(), 1);
        break;
      case "--batch-size":
        options.batchSize = integer(flag, value(), 1);
        break;
      case "--seed":
        options.seed = integer(flag, value(), 0);
        break;
      case "--limit":
        options.limit = integer(flag, value(), 1);
        break;
      case "--judge-epochs":
        options.judgeEpochs = integer(flag, value(), 0);
        break;
      case "--eval-limit":
        options.evalLimit = integer(flag, value(), 1);
        break;
      case "--umap-epochs":
        options.umapEpochs = integer(flag, value(), 1);
        break;
      case "--out": {
        const dir = value();
        if (!dir || dir.startsWith("--")) throw new TypeError("train: --out needs a directory");
        options.out = dir;
        break;
      }
      case "--backend": {
        const name = value();
        if (name !== "wasm" && name !== "cpu") {
          throw new TypeError(`train: --backend ${name} is not known, expected wasm or cpu`);
        }
        options.backend = name;
        break;
      }
      case "--data": {
        const dir = value();
        if (!dir || dir.startsWith("--")) throw new TypeError("train: --data needs a directory");
        options.data = dir;
        break;
      }
      case "--classes":
        options.classes = parseClassNames(value());
        break;
      case "--resume":
        options.resume = true;
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      default:
        throw new TypeError(`train: unknown option ${argv[i]}; see --help`);
    }
  }
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
