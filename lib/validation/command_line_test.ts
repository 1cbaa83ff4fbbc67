import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { choiceOption, integerOption, numberOption, readCommandLine } from "./command_line.ts";

const OPTIONS = { count: { type: "string" }, json: { type: "boolean" } } as const;

Deno.test("readCommandLine() reads --name value, --name=value and flags", () => {
  assertEquals(readCommandLine("muddle", ["--count", "3", "--json"], OPTIONS), {
    count: "3",
    json: true,
  });
  assertEquals(readCommandLine("muddle", ["--count=-3"], OPTIONS), { count: "-3" });
});

Deno.test("readCommandLine() names the command, the option and the options there are", () => {
  throws(() => readCommandLine("muddle", ["--colour", "red"], OPTIONS), {
    name: "TypeError",
    message: "muddle: unknown option --colour; options are --count, --json",
  });
  throws(() => readCommandLine("muddle", ["7"], OPTIONS), /unexpected argument "7"/);
  throws(() => readCommandLine("muddle", ["--count"], OPTIONS), /--count needs a value/);
  throws(() => readCommandLine("muddle", ["--json=yes"], OPTIONS), /--json takes no value/);
});

Deno.test("integerOption() takes plain decimal integers in range only", () => {
  const read = (raw: string) => integerOption("muddle", { digit: raw }, "digit", 0, 9, undefined);
  assertEquals([read("4"), read("+4"), read("09")], [4, 4, 9]);
  for (const bad of ["0x4", " 4", "4 ", "4.0", "1e0", "", "10", "-1", "four"]) {
    throws(() => read(bad), {
      name: "RangeError",
      message: `muddle: --digit ${bad} is not allowed; expected an integer from 0 to 9`,
    });
  }
  assertEquals(integerOption("muddle", {}, "digit", 0, 9, 3), 3);
});

Deno.test("numberOption() and choiceOption() check their values and fall back when absent", () => {
  assertEquals(numberOption("bench", { seconds: "2.5" }, "seconds", 0.1, 60, 10), 2.5);
  assertEquals(numberOption("bench", {}, "seconds", 0.1, 60, 10), 10);
  throws(() => numberOption("bench", { seconds: "1e9" }, "seconds", 0.1, 60, 10), /a number from/);
  assertEquals(
    choiceOption("bench", { arch: "reference" }, "arch", ["default", "reference"], "default"),
    "reference",
  );
  throws(
    () => choiceOption("bench", { arch: "big" }, "arch", ["default", "reference"], "default"),
    /--arch big is unknown; expected one of default, reference/,
  );
});
