import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseManifest } from "../lib/artifacts/parse_manifest.ts";
import { READER_PANEL } from "../lib/model/reader_panel.ts";
import { parseIntegerInRange } from "../lib/validation/api_input.ts";
import { addReaders } from "./add_readers.ts";
import { checkWritable } from "../files/atomic_files.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";
import { loadMnist, mnistDataDir } from "./mnist_files.ts";
import { ProgressBar } from "../lib/progress/progress_bar.ts";
import { trainReaders } from "./train_readers.ts";

/** `--help` text of `deno task train:readers`. */
export const TRAIN_READERS_USAGE =
  `Usage: deno task train:readers [--model DIR] [--seed S] [--limit N]

Trains the reader panel (lib/model/reader_panel.ts: the readers boundary
consults and the held-out readers eval measures with) into an existing model
directory, leaving its autoencoder, latents and projections as they are.

  --model DIR   model directory written by deno task train (default static/model)
  --seed S      seed, 0..4294967295 (default 0)
  --limit N     train on the first N training images only (quick runs)
  --help        show this text
`;

/** Exit codes: 0 done, 1 failed, 2 bad command line. */
async function main(argv: string[]): Promise<number> {
  let model: string, seed: number, limit: number | null;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        model: { type: "string", default: "static/model" },
        seed: { type: "string", default: "0" },
        limit: { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(TRAIN_READERS_USAGE);
      return 0;
    }
    model = values.model;
    seed = parseIntegerInRange(values.seed, "--seed", 0, 0xffff_ffff);
    limit = values.limit === undefined
      ? null
      : parseIntegerInRange(values.limit, "--limit", 64, 60000);
  } catch (error) {
    console.error(`train:readers: ${(error as Error).message}`);
    return 2;
  }
  try {
    // Minutes of training must not end in "no such model": check the folder first.
    await checkModelDir(model);
    const root = new URL("../", import.meta.url);
    await initBackend(tfjsWasmDir(root));
    const data = await loadMnist(mnistDataDir(root));
    const started = performance.now();
    const trained = trainReaders(data, READER_PANEL, seed, new ProgressBar(Deno.stderr), limit);
    await addReaders(model, trained);
    for (const reader of trained) reader.model.dispose();
    console.error(
      `train:readers: ${trained.length} readers into ${model} in ${
        ((performance.now() - started) / 1000).toFixed(0)
      }s`,
    );
    return 0;
  } catch (error) {
    console.error(`train:readers: ${(error as Error).message}`);
    return 1;
  }
}

/** Throws, saying what is wrong, unless `dir` holds a readable manifest and can be written. */
async function checkModelDir(dir: string): Promise<void> {
  try {
    parseManifest(await Deno.readFile(join(dir, "manifest.json")));
  } catch (error) {
    throw new Error(
      `--model ${dir}: ${
        (error as Error).message
      }; expected a model directory written by deno task train`,
    );
  }
  await checkWritable(dir);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
