/**
 * Reads `--name value`, `--name=value` and bare boolean flags from argv.
 * Unknown flags, missing values and stray arguments throw a TypeError that
 * names the flag and lists the ones `command` accepts.
 */
export function readFlags(
  command: string,
  argv: readonly string[],
  valued: readonly string[],
  booleans: readonly string[],
): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  const allowed = [...valued, ...booleans].map((f) => `--${f}`).join(", ");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      throw new TypeError(`${command}: unexpected argument "${arg}"; options are ${allowed}`);
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (booleans.includes(name) && eq < 0) {
      flags.set(name, true);
    } else if (valued.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--"))) {
        throw new TypeError(`${command}: --${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      throw new TypeError(`${command}: unknown option --${name}; options are ${allowed}`);
    }
  }
  return flags;
}

/** The integer value of flag `name` within [min, max], or `fallback` when absent. */
export function integerFlag<T extends number | undefined>(
  command: string,
  flags: Map<string, string | true>,
  name: string,
  min: number,
  max: number,
  fallback: T,
): number | T {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || raw.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${command}: --${name} ${raw} is not allowed; expected an integer from ${min} to ${max}`,
    );
  }
  return value;
}
