import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { DEFAULT_TRAIN_OPTIONS } from "../train/args.ts";
import { encodeCheckpoint } from "../train/checkpoint.ts";
import { checkpointOptions } from "../train/checkpoint_state.ts";

const root = new URL("../", import.meta.url);

async function train(args: string[], env: Record<string, string> = {}) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-env", "train/main.ts", ...args],
    cwd: root,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

Deno.test("deno task train --help prints the options and exits 0", async () => {
  const { code, stdout } = await train(["--help"]);
  assertEquals(code, 0);
  for (const flag of ["--epochs", "--batch-size", "--seed", "--out", "--resume", "--limit"]) {
    assert(stdout.includes(flag), `--help mentions ${flag}`);
  }
});

Deno.test("deno task train exits 2 naming a bad option, before any work", async () => {
  const { code, stderr } = await train(["--epochs", "0"]);
  assertEquals(code, 2);
  assertEquals(stderr.trim(), "train: --epochs 0 is not valid, expected an integer >= 1");
});

Deno.test("deno task train:readers refuses a folder without a model before training anything", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "train/readers_main.ts", "--model", `${dir}/missing`],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(stderr);
    assertEquals(code, 1, text);
    assert(text.includes(`--model ${dir}/missing`) && text.includes("manifest.json"), text);
    assert(!text.includes("test accuracy"), `it trained first: ${text}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task train --resume refuses a checkpoint made with other settings, naming it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/.model.checkpoint`);
    const saved = { ...DEFAULT_TRAIN_OPTIONS, batchSize: 64, limit: 256 };
    const meta = {
      formatVersion: 1,
      epoch: 1,
      batchSize: 64,
      seed: 0,
      limit: 256,
      history: [{ epoch: 1, trainLoss: 0.1, testMse: 0.1, seconds: 1, imagesPerSecond: 1 }],
      judges: {},
      options: checkpointOptions(saved),
    };
    await Deno.writeFile(
      `${dir}/.model.checkpoint/checkpoint.bin`,
      encodeCheckpoint({ meta, arrays: [] }),
    );
    const { code, stderr } = await train(["--out", `${dir}/model`, "--limit", "256", "--resume"]);
    assertEquals(code, 1);
    assert(
      stderr.includes(
        `${dir}/.model.checkpoint/checkpoint.bin: saved with --batch-size 64, but this run has --batch-size 32`,
      ),
      stderr,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
