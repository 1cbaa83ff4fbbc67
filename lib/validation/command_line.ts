import { parseArgs } from "node:util";

/** The options a command takes: each a string (`--name value`, `--name=value`) or a boolean flag. */
export type CommandOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

/** What {@link readCommandLine} returns: the value of each option given. */
export type CommandValues = Record<string, string | boolean | undefined>;

/**
 * Reads `argv` with node:util's `parseArgs` (strict: unknown options, missing
 * values and stray arguments are errors). Its errors are rethrown as a
 * TypeError that names the command and the option and lists the options the
 * command takes, so every command line of the project speaks alike.
 */
export function readCommandLine(
  command: string,
  argv: readonly string[],
  options: CommandOptions,
): CommandValues {
  const allowed = Object.keys(options).map((name) => `--${name}`).join(", ");
  try {
    const { values } = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: false,
    });
    return { ...values };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new TypeError(`${command}: unknown option ${option}; options are ${allowed}`);
    }
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      const argument = /argument '([^']*)'/.exec(message)?.[1] ?? "";
      throw new TypeError(`${command}: unexpected argument "${argument}"; options are ${allowed}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = option.replace(/=.*/, "");
      throw new TypeError(
        options[name.replace(/^--?/, "")]?.type === "boolean"
          ? `${command}: ${name} takes no value`
          : `${command}: ${name} needs a value (write ${name}=VALUE for one that starts with "-")`,
      );
    }
    throw error;
  }
}

// Plain decimal integers only: no hex ("0x4"), no spaces (" 4"), no exponent, no "1_000".
const DECIMAL_INTEGER = /^[+-]?\d+$/;

/**
 * The integer value of option `name` within [min, max], or `fallback` when
 * it was not given. Anything but a plain decimal integer in range is a
 * RangeError naming the option, the value and the range.
 */
export function integerOption<T extends number | undefined>(
  command: string,
  values: CommandValues,
  name: string,
  min: number,
  max: number,
  fallback: T,
): number | T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === "string" && DECIMAL_INTEGER.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${command}: --${name} ${raw} is not allowed; expected an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/** The number value of option `name` (a plain decimal) within [min, max], or `fallback`. */
export function numberOption(
  command: string,
  values: CommandValues,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === "string" && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    throw new RangeError(
      `${command}: --${name} ${raw} is not allowed; expected a number from ${min} to ${max}`,
    );
  }
  return value;
}

/** The value of option `name`, one of `choices`, or `fallback` when it was not given. */
export function choiceOption<C extends string>(
  command: string,
  values: CommandValues,
  name: string,
  choices: readonly C[],
  fallback: C,
): C {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!(choices as readonly unknown[]).includes(raw)) {
    throw new RangeError(
      `${command}: --${name} ${raw} is unknown; expected one of ${choices.join(", ")}`,
    );
  }
  return raw as C;
}
