import { MAX_SEED } from "../lib/validation/api_input.ts";
import { MUDDLE_METHODS, type MuddleMethod } from "../lib/muddle/mod.ts";
import { integerOption, readCommandLine } from "../lib/validation/command_line.ts";

/** Options of `deno task muddle`. */
export interface MuddleArgs {
  /** Digits to start from: the one given, or all ten. */
  digits: number[];
  partner?: number;
  /** Outputs per digit. */
  count: number;
  method: MuddleMethod;
  seed: number;
  json: boolean;
  /** Folder for PNG files when not --json. */
  out: string;
  /** Pixels per MNIST pixel in the PNG files. */
  scale: number;
  model: string;
  help: boolean;
}

/** Most outputs per digit in one run (boundary takes ~20 ms each). */
export const MAX_COUNT = 1000;

/** `--help` text. */
export const MUDDLE_USAGE = `Usage: deno task muddle [--digit D] [--partner P] --count N
                         --method avg|farthest|boundary --seed S [--json] [--out DIR]

Makes digits that could be read as either of two digits.

  --digit D      digit to start from, 0..9 (default: each of the ten)
  --partner P    the other digit, 0..9 and not D (default: nearest other centroid)
  --count N      outputs per digit, 1..${MAX_COUNT} (default 1)
  --method M     avg, farthest or boundary (default boundary)
  --seed S       integer seed; the same seed gives the same outputs (default 0)
  --json         print {"items":[...]} to stdout instead of writing PNG files
  --out DIR      folder for the PNG files and sheet.png (default muddle_out)
  --scale K      PNG pixels per MNIST pixel, 1..32 (default 8)
  --model DIR    model directory (default static/model)
  --help         show this text
`;

/** Parses argv; throws TypeError/RangeError saying what was wrong and what is allowed. */
export function parseMuddleArgs(argv: readonly string[]): MuddleArgs {
  const command = "muddle";
  const flags = readCommandLine(command, argv, {
    digit: { type: "string" },
    partner: { type: "string" },
    count: { type: "string" },
    method: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    scale: { type: "string" },
    model: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean" },
  });
  const digit = integerOption(command, flags, "digit", 0, 9, undefined);
  const partner = integerOption(command, flags, "partner", 0, 9, undefined);
  if (digit !== undefined && digit === partner) {
    throw new RangeError(`${command}: --partner must differ from --digit (both are ${digit})`);
  }
  const method = String(flags.method ?? "boundary");
  if (!(MUDDLE_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(
      `${command}: --method ${method} is unknown; expected one of ${MUDDLE_METHODS.join(", ")}`,
    );
  }
  return {
    // Without --digit, every digit but the fixed partner.
    digits: digit !== undefined
      ? [digit]
      : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => d !== partner),
    partner,
    count: integerOption(command, flags, "count", 1, MAX_COUNT, 1),
    method: method as MuddleMethod,
    seed: integerOption(command, flags, "seed", 0, MAX_SEED, 0),
    json: flags.json !== undefined,
    out: String(flags.out ?? "muddle_out"),
    scale: integerOption(command, flags, "scale", 1, 32, 8),
    model: String(flags.model ?? "static/model"),
    help: flags.help !== undefined,
  };
}
