import { ok as assert } from "node:assert/strict";

const script = new URL("./bench_train.ts", import.meta.url).pathname;

async function run(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return {
    code: out.code,
    stdout: text.decode(out.stdout).trim(),
    stderr: text.decode(out.stderr),
  };
}

Deno.test("bench:train trains on MNIST and prints JSON with imagesPerSecond as its last line", async () => {
  const { code, stdout, stderr } = await run(["--seconds", "0.5", "--batch-size", "16"]);
  assert(code === 0, stderr);
  const last = JSON.parse(stdout.split("\n").at(-1)!);
  assert(last.imagesPerSecond > 0 && last.batchSize === 16 && last.backend === "wasm", stdout);
  assert(last.trainer === "fused" && Number.isFinite(last.finalLoss), stdout);
});

Deno.test("bench:train rejects a bad option with a message and exit code 1", async () => {
  const { code, stderr } = await run(["--batch-size", "0"]);
  assert(
    code === 1 && /--batch-size 0 is not allowed; expected an integer from 1 to 4096/.test(stderr),
    stderr,
  );
});
