import { MAX_SEED } from "../lib/validation/api_input.ts";
import { integerFlag, readFlags } from "./flag_reader.ts";

/** Options of `deno task eval`. */
export interface EvalArgs {
  /** Outputs per digit and method. */
  count: number;
  seed: number;
  model: string;
  /** Also score the variants of boundary tried while building it. */
  variants: boolean;
  /** Score only the variants whose names contain one of these (implies --variants). */
  only: string[];
  help: boolean;
}

/** Most outputs per digit and method (10 digits x 3 methods x this many outputs). */
export const MAX_EVAL_COUNT = 500;

/** `--help` text. */
export const EVAL_USAGE = `Usage: deno task eval [--count N] [--seed S] [--variants] [--model DIR]

Scores avg, farthest and boundary on N outputs per digit with the judge
ensemble (CNN + pixel MLP) and with the holdout classifier the methods never
consult. Success: p(D)+p(P) >= 0.8, max probability <= 0.7, p(D), p(P) >= 0.2.
The last line is JSON with each method's success rate.

  --count N      outputs per digit and method, 1..${MAX_EVAL_COUNT} (default 20)
  --seed S       first seed; output i of digit D uses seed S + i (default 0)
  --variants     also score the variants of boundary (slower)
  --only A,B     score only the methods/variants whose names contain A or B
  --model DIR    model directory (default static/model)
  --help         show this text
`;

/** Parses argv; throws TypeError/RangeError saying what was wrong and what is allowed. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const command = "eval";
  const flags = readFlags(command, argv, ["count", "seed", "model", "only"], [
    "variants",
    "help",
  ]);
  const only = flags.has("only") ? String(flags.get("only")).split(",").filter(Boolean) : [];
  return {
    count: integerFlag(command, flags, "count", 1, MAX_EVAL_COUNT, 20),
    seed: integerFlag(command, flags, "seed", 0, MAX_SEED, 0),
    model: String(flags.get("model") ?? "static/model"),
    variants: flags.has("variants") || only.length > 0,
    only,
    help: flags.has("help"),
  };
}
