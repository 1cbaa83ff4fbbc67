import { MAX_SEED } from "../lib/validation/api_input.ts";
import { integerOption, readCommandLine } from "../lib/validation/command_line.ts";
import { BOUNDARY_VARIANTS, METHOD_VARIANTS, REFERENCE_VARIANTS } from "./eval_variants.ts";

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
  /** Compute the confusion atlas instead and write it into the model directory. */
  atlas: boolean;
  /** Measure how boundary's choice transfers to each held-out reader as the panel grows. */
  transfer: boolean;
  help: boolean;
}

/** Most outputs per digit and method (10 digits x 3 methods x this many outputs). */
export const MAX_EVAL_COUNT = 500;

/** `--help` text. */
export const EVAL_USAGE = `Usage: deno task eval [--count N] [--seed S] [--variants] [--model DIR]

Scores avg, farthest and boundary on N random given inputs per digit: first
under each held-out reader (readers no method consults: the holdout
classifier and the panel's held-out families), then in-sample (the panel
readers boundary consults, and the judge ensemble). Success: p(D)+p(P) >= 0.8,
max probability <= 0.7, p(D), p(P) >= 0.2, digit-like ink. The last line is
JSON with each method's held-out and in-sample success rates.

  --count N      outputs per digit and method, 1..${MAX_EVAL_COUNT} (default 20)
  --seed S       0..4294967295: draws the inputs; output i uses seed S + i (default 0)
  --variants     also score the variants of boundary (slower)
  --only A,B     score only the methods/variants whose names contain A or B
  --model DIR    model directory (default static/model)
  --atlas        instead: boundary from every D towards every P, N outputs each;
                 writes atlas.json into the model directory and lists it in manifest.json
  --transfer     instead: boundary with the shipped panel, with the other held-out
                 readers added, and with all of them added; each held-out reader's
                 success under each (how far a bigger, closer panel carries)
  --help         show this text
`;

/** Parses argv; throws TypeError/RangeError saying what was wrong and what is allowed. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const command = "eval";
  const flags = readCommandLine(command, argv, {
    count: { type: "string" },
    seed: { type: "string" },
    model: { type: "string" },
    only: { type: "string" },
    variants: { type: "boolean" },
    atlas: { type: "boolean" },
    transfer: { type: "boolean" },
    help: { type: "boolean" },
  });
  if (flags.atlas !== undefined && flags.transfer !== undefined) {
    throw new TypeError("eval: --atlas and --transfer are separate runs; give one of them");
  }
  const only = flags.only !== undefined ? String(flags.only).split(",").filter(Boolean) : [];
  const names = [...METHOD_VARIANTS, ...REFERENCE_VARIANTS, ...BOUNDARY_VARIANTS].map((v) =>
    v.name
  );
  const unmatched = only.find((part) => !names.some((name) => name.includes(part)));
  if (unmatched !== undefined) {
    throw new RangeError(
      `eval: --only ${JSON.stringify(unmatched)} names no method or variant; expected part of ` +
        `a name such as ${names.slice(0, 4).map((n) => JSON.stringify(n)).join(", ")}` +
        ` (all of them: cli/eval_variants.ts)`,
    );
  }
  return {
    count: integerOption(command, flags, "count", 1, MAX_EVAL_COUNT, 20),
    seed: integerOption(command, flags, "seed", 0, MAX_SEED, 0),
    model: String(flags.model ?? "static/model"),
    variants: flags.variants !== undefined || only.length > 0,
    only,
    atlas: flags.atlas !== undefined,
    transfer: flags.transfer !== undefined,
    help: flags.help !== undefined,
  };
}
