import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { DEFAULT_TRAIN_OPTIONS, parseTrainArgs } from "./args.ts";

Deno.test("parseTrainArgs() reads every option, in both --flag value and --flag=value forms", () => {
  assertEquals(parseTrainArgs([]), DEFAULT_TRAIN_OPTIONS);
  assertEquals(
    parseTrainArgs([
      "--epochs",
      "3",
      "--batch-size=64",
      "--seed",
      "7",
      "--out",
      "/tmp/m",
      "--resume",
      "--limit",
      "640",
      "--judge-epochs",
      "0",
      "--backend",
      "cpu",
      "--umap-epochs",
      "20",
      "--eval-limit",
      "500",
    ]),
    {
      ...DEFAULT_TRAIN_OPTIONS,
      epochs: 3,
      batchSize: 64,
      seed: 7,
      out: "/tmp/m",
      resume: true,
      limit: 640,
      judgeEpochs: 0,
      backend: "cpu",
      umapEpochs: 20,
      evalLimit: 500,
    },
  );
  assertEquals(parseTrainArgs(["--help"]).help, true);
});

Deno.test("parseTrainArgs() names the bad option and what it expected", () => {
  throws(() => parseTrainArgs(["--epochs", "two"]), {
    name: "RangeError",
    message: "train: --epochs two is not valid, expected an integer >= 1",
  });
  throws(() => parseTrainArgs(["--epochs"]), {
    name: "TypeError",
    message: /--epochs needs a value/,
  });
  throws(() => parseTrainArgs(["--batch-size", "0"]), {
    name: "RangeError",
    message: /expected an integer >= 1/,
  });
  throws(() => parseTrainArgs(["--epoch", "3"]), {
    name: "TypeError",
    message: /unknown option --epoch/,
  });
  throws(() => parseTrainArgs(["--backend", "gpu"]), {
    name: "TypeError",
    message: /expected wasm or cpu/,
  });
  throws(() => parseTrainArgs(["--limit", "10"]), {
    name: "RangeError",
    message: /--limit 10 is smaller than --batch-size 32/,
  });
});

Deno.test("parseTrainArgs() refuses values that are not plain decimal integers, and stray arguments", () => {
  for (const bad of ["0x10", " 4", "4.0", "1e1", ""]) {
    throws(() => parseTrainArgs(["--epochs", bad]), { name: "RangeError" }, bad);
  }
  throws(() => parseTrainArgs(["--epochs", "--seed", "3"]), { message: /--epochs needs a value/ });
  throws(() => parseTrainArgs(["model"]), { message: /unexpected argument "model"/ });
  throws(() => parseTrainArgs(["--resume=yes"]), { message: /--resume takes no value/ });
});
