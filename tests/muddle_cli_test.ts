import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode } from "fast-png";
import { writeFixtureModelDir } from "./support/fixture_model_dir.ts";
import { parseIdx } from "../lib/mnist/parse_idx.ts";
import { IDX_FILES } from "../cli/muddle_output.ts";

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

Deno.test("deno task muddle shows a progress line on a terminal, and none when stderr is piped", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(`${dir}/model`);
    const args = ["--model", `${dir}/model`, "--digit", "1", "--count", "3", "--json"];
    const piped = await run("muddle.ts", args);
    assertEquals([piped.code, piped.stderr], [0, ""]);
    // script(1) (util-linux) runs the command on a pseudo-terminal.
    const command = [
      Deno.execPath(),
      "run",
      "-A",
      new URL("../cli/muddle.ts", import.meta.url)
        .pathname,
      ...args,
    ].map((word) => `'${word}'`).join(" ");
    const tty = await new Deno.Command("script", {
      args: ["-qec", `${command} > /dev/null`, "/dev/null"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const shown = new TextDecoder().decode(tty.stdout);
    assertEquals(tty.code, 0, shown);
    assert(/boundary \[#{24}\] {2}3\/3 {2}\d+ outputs\/s/.test(shown), shown);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

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
      assert(p[1] >= 0.2 && p[6] >= 0.2, `${p}`);
      assertEquals(item.from.digit, 1);
    }
    assertEquals(
      new Set(items.map((item: { from: { index: number } }) => item.from.index)).size,
      3,
    );
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
    // The sheet's tiles carry a caption strip below the 224-pixel digit.
    const sheet = decode(await Deno.readFile(`${dir}/png/sheet.png`));
    assert(sheet.height > 224 + 8, `sheet is ${sheet.height} high`);
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
      const held = last.heldout[method].holdout;
      assert(held >= 0 && held <= 1 && last.inSample[method].judges >= 0, JSON.stringify(last));
    }
    const judges = (m: string) => last.inSample[m].judges;
    assert(judges("boundary") > judges("avg"), JSON.stringify(last.inSample));
    // Held-out readers lead the table; in-sample comes after.
    const header = lines.find((line: string) => line.startsWith("| method |"))!;
    assert(header.indexOf("held out: holdout") < header.indexOf("in-sample"), header);
    assert(result.stdout.includes("| pair |"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task eval --transfer scores each held-out reader with the others in the panel, never itself", async () => {
  const model = new URL("../static/model", import.meta.url).pathname;
  const result = await run("eval.ts", ["--model", model, "--transfer", "--count", "1"]);
  assertEquals(result.code, 0, result.stderr);
  const rows = JSON.parse(result.stdout.trim().split("\n").at(-1)!).transfer;
  const names = ["holdout", "held_strided", "held_wide5", "held_k7", "held_vgg"];
  assertEquals(rows.map((row: { reader: string }) => row.reader), names);
  for (const row of rows) {
    for (const rate of [row.shipped, row.othersAdded, row.consulted]) {
      // 10 inputs: each rate is a count of tenths.
      assert(rate >= 0 && rate <= 1 && Math.abs(rate * 10 - Math.round(rate * 10)) < 1e-9, rate);
    }
  }
  // The progress lines name each run's added readers and whom it scored.
  const runs = [...result.stderr.matchAll(/panel \+ \[([^\]]*)\]: (.*) \(\d+ s\)/g)]
    .map(([, added, scored]) => ({ added: added ? added.split(", ") : [], scored }));
  assertEquals(runs.length, 2 + names.length);
  assertEquals(runs[0].added, []);
  assertEquals(runs[1].added, names);
  for (const [i, name] of names.entries()) {
    const alone = runs[2 + i];
    assert(alone.scored.startsWith(`${name} `), alone.scored);
    assertEquals(alone.added, names.filter((other) => other !== name));
  }
  assert(
    result.stdout.includes("| reader | shipped panel | + the other 4 held out |"),
    result.stdout,
  );

  // A model without held-out readers has nothing to transfer to: a clear error.
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(dir);
    const none = await run("eval.ts", ["--model", dir, "--transfer", "--count", "1"]);
    assertEquals(none.code, 1);
    assert(
      none.stderr.includes("eval --transfer needs the holdout classifier and the held-out readers"),
      none.stderr,
    );
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
  assert(
    bad.stderr.includes("--digit 11 is not allowed; expected an integer from 0 to 9"),
    bad.stderr,
  );
  for (
    const [value, message] of [
      ["12000", '--from must be an integer from 0 to 9999, got "12000"'],
      ["3,x", '--from must be an integer from 0 to 9999, got "x"'],
      ["3,3", "--from lists 3 twice"],
    ]
  ) {
    const from = await run("muddle.ts", ["--from", value]);
    assertEquals(from.code, 2);
    assert(from.stderr.includes(message), from.stderr);
  }
  const evalBad = await run("eval.ts", ["--count", "1000000000"]);
  assertEquals(evalBad.code, 2);
  assert(evalBad.stderr.includes("expected an integer from 1 to 500"));
});

Deno.test("deno task muddle --from muddles the given images in order; --format idx reads back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureModelDir(`${dir}/model`);
    const model = ["--model", `${dir}/model`];
    const result = await run("muddle.ts", [...model, "--from", "25,3,17", "--json"]);
    assertEquals(result.code, 0, result.stderr);
    const { items } = JSON.parse(result.stdout);
    assertEquals(items.map((i: { from: { index: number } }) => i.from.index), [25, 3, 17]);
    for (const item of items) assertEquals(item.digit, item.from.digit);
    // The fixture's test set is smaller than MNIST's: the engine's range is named.
    const past = await run("muddle.ts", [...model, "--from", "9000"]);
    assertEquals(past.code, 2);
    assert(past.stderr.includes("--from 9000 is not allowed; expected test image indices"));

    const idx = await run("muddle.ts", [
      ...model,
      "--count",
      "2",
      "--format",
      "idx",
      "--out",
      `${dir}/idx`,
    ]);
    assertEquals(idx.code, 0, idx.stderr);
    const read = (name: string) => Deno.readFileSync(`${dir}/idx/${name}`);
    const images = parseIdx(read(IDX_FILES.images), "images", {
      kind: "images",
      rows: 28,
      cols: 28,
    });
    const digits = parseIdx(read(IDX_FILES.digits), "digits", { kind: "labels", count: 20 });
    const partners = parseIdx(read(IDX_FILES.partners), "partners", { kind: "labels", count: 20 });
    assertEquals(images.shape, [20, 28, 28]);
    const csv = new TextDecoder().decode(read(IDX_FILES.labels)).trim().split("\n");
    assertEquals(csv.length, 21);
    const header = csv[0].split(",");
    assertEquals(header.slice(0, 5), ["row", "source_index", "digit", "partner", "t"]);
    assert(header.includes("judge_p0") && header.includes("judge_mlp_p9"), csv[0]);
    csv.slice(1).forEach((line, i) => {
      const cells = line.split(",").map(Number);
      assertEquals([cells[2], cells[3]], [digits.data[i], partners.data[i]]);
      // Each reader's ten soft labels sum to 1.
      const p = cells.slice(5, 15);
      assert(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-2, line);
    });
    assert(images.data.some((v) => v > 128), "the images hold ink");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
