import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode } from "fast-png";
import { writeFixtureModelDir } from "./support/fixture_model_dir.ts";

async function run(script: string, args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(`../cli/${script}`, import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("deno task muddle --json prints items with 784 pixels and the judge's split", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(`${dir}/model`);
    const args = ["--model", `${dir}/model`, "--digit", "1", "--partner", "6", "--count", "3"];
    const result = await run("muddle.ts", [
      ...args,
      "--method",
      "boundary",
      "--seed",
      "4",
      "--json",
    ]);
    assertEquals(result.code, 0, result.stderr);
    const { items } = JSON.parse(result.stdout);
    assertEquals(items.length, 3);
    for (const item of items) {
      assertEquals([item.digit, item.partner, item.image.length], [1, 6, 784]);
      assert(item.image.every((v: number) => v >= 0 && v <= 1));
      const p = item.judge.probabilities;
      assert(p[1] >= 0.25 && p[6] >= 0.25, `${p}`);
    }
    // Same seed, same output.
    const again = await run("muddle.ts", [
      ...args,
      "--method",
      "boundary",
      "--seed",
      "4",
      "--json",
    ]);
    assertEquals(again.stdout, result.stdout);

    const png = await run("muddle.ts", [...args, "--method", "avg", "--out", `${dir}/png`]);
    assertEquals(png.code, 0, png.stderr);
    const files = [...Deno.readDirSync(`${dir}/png`)].map((e) => e.name).sort();
    assertEquals(files.length, 4);
    assert(files.includes("sheet.png"));
    const one = decode(await Deno.readFile(`${dir}/png/${files[0]}`));
    assertEquals([one.width, one.height], [224, 224]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task eval prints a table and ends with a JSON line of success rates", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(`${dir}/model`);
    const result = await run("eval.ts", ["--model", `${dir}/model`, "--count", "2"]);
    assertEquals(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split("\n");
    const last = JSON.parse(lines.at(-1)!);
    for (const method of ["avg", "farthest", "boundary"]) {
      assert(last[method] >= 0 && last[method] <= 1 && method in last.holdout);
    }
    assert(last.boundary > last.avg, `boundary ${last.boundary} vs avg ${last.avg}`);
    assert(result.stdout.includes("| method | success (ensemble) |"));
    assert(result.stdout.includes("| pair |"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the commands stop with a clear message on bad arguments or a missing model", async () => {
  const missing = await run("muddle.ts", ["--model", "/nonexistent", "--digit", "1"]);
  assertEquals(missing.code, 1);
  assert(missing.stderr.includes("cannot load the model from /nonexistent: manifest.json"));
  const bad = await run("muddle.ts", ["--digit", "11"]);
  assertEquals(bad.code, 2);
  assert(bad.stderr.includes("--digit 11 is not allowed; expected an integer from 0 to 9"));
  const evalBad = await run("eval.ts", ["--count", "1000000000"]);
  assertEquals(evalBad.code, 2);
  assert(evalBad.stderr.includes("expected an integer from 1 to 500"));
});
