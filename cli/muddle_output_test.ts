import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode } from "fast-png";
import type { MuddleResult } from "../lib/muddle/mod.ts";
import { SHEET_PIXELS, writePng } from "./muddle_output.ts";

/** An output as writePng reads it: its image, digits, t and source index. */
function output(index: number): MuddleResult {
  const image = new Float32Array(784).fill(index % 2 ? 0.8 : 0.2);
  const end = { kind: "image", index, digit: 4, latent: [] } as unknown as MuddleResult["from"];
  return {
    method: "avg",
    seed: 0,
    digit: 4,
    partner: 9,
    t: 0.5,
    latent: [],
    image,
    from: end,
    to: end,
    judge: { probabilities: [], members: {} } as unknown as MuddleResult["judge"],
  };
}

Deno.test("writePng writes every output, and a sheet of only as many as fit its pixel budget", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // At scale 32 a captioned tile is over 896 x 896 px: 80 of them already fill the budget.
    const items = Array.from({ length: 120 }, (_, i) => output(i));
    const shown = await writePng(dir, items, 32);
    const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n !== "sheet.png");
    assertEquals(files.length, 120);
    const sheet = decode(await Deno.readFile(`${dir}/sheet.png`));
    assert(shown > 1 && shown < 120, `the sheet shows ${shown}`);
    assert(sheet.width * sheet.height <= SHEET_PIXELS * 1.1, `${sheet.width}x${sheet.height}`);
    // A small run shows every output.
    assertEquals(await writePng(`${dir}/small`, items.slice(0, 5), 2), 5);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
