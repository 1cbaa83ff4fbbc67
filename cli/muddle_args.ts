import { MAX_SEED } from "../lib/validation/api_input.ts";
import { MUDDLE_METHODS, type MuddleMethod } from "../lib/muddle/mod.ts";
import { choiceOption, integerOption, readCommandLine } from "../lib/validation/command_line.ts";
import { MNIST_TEST_COUNT, parseIndexList } from "../lib/validation/index_list.ts";

/** How `deno task muddle` writes its outputs. */
export const MUDDLE_FORMATS = ["json", "png", "idx"] as const;

/** Options of `deno task muddle`. */
export interface MuddleArgs {
  /** Given test images to start from, in order (then `digits` and `count` are unused). */
  from?: number[];
  /** Digits to draw inputs of: the one given, or all ten. */
  digits: number[];
  partner?: number;
  /** Inputs drawn per digit (distinct within a call). */
  count: number;
  method: MuddleMethod;
  seed: number;
  format: typeof MUDDLE_FORMATS[number];
  /** Folder for PNG or IDX files. */
  out: string;
  /** Pixels per MNIST pixel in the PNG files. */
  scale: number;
  model: string;
  help: boolean;
}

/** Most outputs per digit in one run (boundary takes under 20 ms each). */
export const MAX_COUNT = 1000;

/** Most indices one --from may list. */
export const MAX_FROM = 10000;

/** `--help` text. */
export const MUDDLE_USAGE =
  `Usage: deno task muddle (--from I,J,.. | [--digit D] --count N) [--partner P]
                         --method avg|farthest|boundary --seed S
                         (--json | --format png|idx --out DIR)

Makes digits that could be read as either of two digits, each from its own input image.

  --from I,J,..  test images to start from (0..${
    MNIST_TEST_COUNT - 1
  }, no repeats); one output each, in order
  --digit D      draw inputs of digit D, 0..9 (default: each of the ten)
  --count N      inputs drawn per digit, uniformly without repeats, 1..${MAX_COUNT} (default 1)
  --partner P    the other digit, 0..9 and not D (default: nearest other centroid)
  --method M     avg, farthest or boundary (default boundary)
  --seed S       0..4294967295; the same seed gives the same inputs and outputs (default 0)
  --json         print {"items":[...]} to stdout (same as --format json)
  --format F     json, png (files and a captioned sheet.png) or idx (MNIST IDX files and
                 labels.csv with every reader's probabilities) (default png)
  --out DIR      folder for png or idx files (default muddle_out)
  --scale K      PNG pixels per MNIST pixel, 1..32 (default 8)
  --model DIR    model directory (default static/model)
  --help         show this text
`;

/** Parses argv; throws TypeError/RangeError saying what was wrong and what is allowed. */
export function parseMuddleArgs(argv: readonly string[]): MuddleArgs {
  const command = "muddle";
  const flags = readCommandLine(command, argv, {
    from: { type: "string" },
    digit: { type: "string" },
    partner: { type: "string" },
    count: { type: "string" },
    method: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
    format: { type: "string" },
    out: { type: "string" },
    scale: { type: "string" },
    model: { type: "string" },
    help: { type: "boolean" },
  });
  const digit = integerOption(command, flags, "digit", 0, 9, undefined);
  const partner = integerOption(command, flags, "partner", 0, 9, undefined);
  if (digit !== undefined && digit === partner) {
    throw new RangeError(`${command}: --partner must differ from --digit (both are ${digit})`);
  }
  const from = flags.from === undefined
    ? undefined
    : parseIndexList(flags.from, "--from", MNIST_TEST_COUNT, MAX_FROM);
  if (from && (digit !== undefined || flags.count !== undefined)) {
    throw new TypeError(`${command}: --from names its inputs; leave out --digit and --count`);
  }
  const method = choiceOption(command, flags, "method", MUDDLE_METHODS, "boundary");
  if (flags.json !== undefined && flags.format !== undefined && flags.format !== "json") {
    throw new TypeError(`${command}: --json and --format ${flags.format} conflict; pick one`);
  }
  const format = flags.json !== undefined
    ? "json"
    : choiceOption(command, flags, "format", MUDDLE_FORMATS, "png");
  return {
    from,
    // Without --digit, every digit but the fixed partner.
    digits: digit !== undefined
      ? [digit]
      : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => d !== partner),
    partner,
    count: integerOption(command, flags, "count", 1, MAX_COUNT, 1),
    method,
    seed: integerOption(command, flags, "seed", 0, MAX_SEED, 0),
    format,
    out: String(flags.out ?? "muddle_out"),
    scale: integerOption(command, flags, "scale", 1, 32, 8),
    model: String(flags.model ?? "static/model"),
    help: flags.help !== undefined,
  };
}
