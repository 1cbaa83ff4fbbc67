import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { parseEvalArgs } from "./eval_args.ts";
import { parseMuddleArgs } from "./muddle_args.ts";

Deno.test("parseMuddleArgs() reads the documented options", () => {
  const args = parseMuddleArgs([
    "--digit",
    "4",
    "--partner=9",
    "--count",
    "3",
    "--method",
    "farthest",
    "--seed",
    "2",
    "--json",
  ]);
  assertEquals(
    [args.digits, args.partner, args.count, args.method, args.seed, args.format],
    [[4], 9, 3, "farthest", 2, "json"],
  );
  // No --digit: every digit but a fixed partner.
  assertEquals(parseMuddleArgs(["--partner", "0"]).digits, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assertEquals(parseMuddleArgs([]).method, "boundary");
  assertEquals(parseMuddleArgs(["--from", "1234,5678"]).from, [1234, 5678]);
  assertEquals(parseMuddleArgs(["--format", "idx", "--out", "d"]).format, "idx");
  assertEquals(parseMuddleArgs([]).format, "png");
});

Deno.test("parseMuddleArgs() says what was wrong and what is allowed", () => {
  const cases: [string[], RegExp][] = [
    [["--digit", "11"], /--digit 11 is not allowed; expected an integer from 0 to 9/],
    [["--digit", "0x4"], /--digit 0x4 is not allowed; expected an integer from 0 to 9/],
    [["--digit", " 4"], /--digit {2}4 is not allowed/],
    [["--digit", "4.0"], /--digit 4.0 is not allowed/],
    [["--count", "1e1"], /--count 1e1 is not allowed/],
    [["--digit", "3", "--partner", "3"], /--partner must differ from --digit/],
    [["--count", "0"], /--count 0 is not allowed; expected an integer from 1 to 1000/],
    [["--count", "1000000000"], /expected an integer from 1 to 1000/],
    [["--count", "2.5"], /--count 2.5 is not allowed/],
    [["--method", "best"], /--method best is unknown; expected one of avg, farthest, boundary/],
    [["--digit"], /--digit needs a value/],
    [["--colour", "red"], /unknown option --colour; options are --from, --digit/],
    [["7"], /unexpected argument "7"/],
    // One seed domain with the API and the engine: 0..2^32-1.
    [["--seed=-2"], /--seed -2 is not allowed; expected an integer from 0 to 4294967295/],
    [["--digit", "0x4"], /--digit 0x4 is not allowed/],
    [["--digit", " 4"], /--digit {2}4 is not allowed/],
    [["--seed", "4294967296"], /expected an integer from 0 to 4294967295/],
    [["--format", "gif"], /--format gif is unknown; expected one of json, png, idx/],
    [["--json", "--format", "png"], /--json and --format png conflict/],
    // --from: out of range, not an integer, or repeated, each named with the allowed range.
    [["--from", "10000"], /--from must be an integer from 0 to 9999, got "10000"/],
    [["--from", "12,x"], /--from must be an integer from 0 to 9999, got "x"/],
    [["--from", "1.5"], /--from must be an integer from 0 to 9999, got "1.5"/],
    [["--from", "5,7,5"], /--from lists 5 twice; each index from 0 to 9999 at most once/],
    [["--from", "5", "--digit", "3"], /--from names its inputs; leave out --digit and --count/],
  ];
  for (const [argv, message] of cases) throws(() => parseMuddleArgs(argv), message);
});

Deno.test("parseEvalArgs() reads count, seed and variants, and bounds count", () => {
  assertEquals(parseEvalArgs(["--count", "5", "--seed", "9", "--variants"]), {
    count: 5,
    seed: 9,
    model: "static/model",
    variants: true,
    only: [],
    atlas: false,
    transfer: false,
    help: false,
  });
  assertEquals(parseEvalArgs(["--atlas"]).atlas, true);
  assertEquals(parseEvalArgs(["--transfer"]).transfer, true);
  throws(
    () => parseEvalArgs(["--atlas", "--transfer"]),
    /--atlas and --transfer are separate runs/,
  );
  throws(() => parseEvalArgs(["--count", "0"]), /expected an integer from 1 to 500/);
  throws(() => parseEvalArgs(["--count", "1000000000"]), /expected an integer from 1 to 500/);
  assertEquals(parseEvalArgs(["--only", "avg,pair weight"]).only, ["avg", "pair weight"]);
  throws(() => parseEvalArgs(["--only", "avg,nothing"]), /--only "nothing" names no method/);
});
