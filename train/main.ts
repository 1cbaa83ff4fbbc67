import { parseTrainArgs, TRAIN_USAGE, type TrainOptions } from "./args.ts";
import { NonFiniteLossError, runTraining } from "./run_training.ts";

/**
 * `deno task train`: parses the options, runs the pipeline and reports.
 * Exit codes: 0 done, 1 training failed, 2 bad command line.
 */
async function main(argv: string[]): Promise<number> {
  let options: TrainOptions;
  try {
    options = parseTrainArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (options.help) {
    console.log(TRAIN_USAGE);
    return 0;
  }
  try {
    const manifest = await runTraining(options, new URL("../", import.meta.url));
    const last = manifest.training.history.at(-1);
    const smoothed = manifest.training.decoderSmoothing;
    const testMse = smoothed
      ? `${smoothed.testMseAfter} (${smoothed.testMseBefore} before smoothing)`
      : last?.testMse;
    const mse = testMse === undefined ? "" : `; test MSE ${testMse}`;
    console.error(
      `train: wrote ${options.out} in ${manifest.training.seconds}s` + mse +
        `; judge ${manifest.judges.judge.testAccuracy}, judge_mlp ${manifest.judges.judge_mlp.testAccuracy}, holdout ${manifest.judges.holdout.testAccuracy}`,
    );
    return 0;
  } catch (error) {
    // Expected failures (bad data, mismatched checkpoint, NaN loss) carry a message that
    // names the file and what was expected; the stack only helps when debugging.
    const message = error instanceof Error ? error.message : String(error);
    const detail = Deno.env.get("MUDDLE_DEBUG") && error instanceof Error ? `\n${error.stack}` : "";
    console.error(error instanceof NonFiniteLossError ? message : `train: ${message}${detail}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
