/**
 * `deno task muddle`: makes ambiguous digits and prints them as JSON or
 * writes PNG files and a contact sheet. See MUDDLE_USAGE for the options.
 */
import { contactSheet } from "../lib/image/contact_sheet.ts";
import { digitToGray } from "../lib/image/gray_image.ts";
import { encodeGrayPng } from "../lib/image/png.ts";
import { type MuddleResult } from "../lib/muddle/mod.ts";
import { loadEngine } from "./load_engine.ts";
import { MUDDLE_USAGE, type MuddleArgs, parseMuddleArgs } from "./muddle_args.ts";
import { runCli } from "./run_cli.ts";

async function main(args: MuddleArgs): Promise<number> {
  const loaded = await loadEngine(args.model, false);
  try {
    const items: MuddleResult[] = [];
    for (const digit of args.digits) {
      for (let i = 0; i < args.count; i++) {
        items.push(loaded.engine.generate({
          digit,
          partner: args.partner,
          method: args.method,
          seed: args.seed + i,
        }));
      }
    }
    // A model trained with --classes names its classes; the digits stand for them.
    const classes = loaded.artifacts.manifest.dataset.classes;
    const name = (c: number) => classes?.[c] ?? String(c);
    if (args.json) {
      const json = items.map((item) => ({
        ...item,
        ...(classes ? { digitClass: name(item.digit), partnerClass: name(item.partner) } : {}),
        image: Array.from(item.image, round),
      }));
      console.log(JSON.stringify({ items: json }));
      return 0;
    }
    await Deno.mkdir(args.out, { recursive: true });
    const tiles = items.map((item) => digitToGray(item.image, 28, args.scale));
    for (const [i, item] of items.entries()) {
      const name = `${args.out}/${item.method}_${item.digit}_${item.partner}_${args.seed + i}.png`;
      await Deno.writeFile(name, encodeGrayPng(tiles[i]));
    }
    await Deno.writeFile(`${args.out}/sheet.png`, encodeGrayPng(contactSheet(tiles)));
    for (const item of items) {
      const p = item.judge.probabilities;
      console.log(
        `${name(item.digit)} -> ${name(item.partner)}  t=${item.t.toFixed(3)}  ` +
          `p(${name(item.digit)})=${p[item.digit].toFixed(2)}  p(${name(item.partner)})=${
            p[item.partner].toFixed(2)
          }`,
      );
    }
    console.log(`wrote ${items.length} PNG files and sheet.png to ${args.out}/`);
    return 0;
  } finally {
    loaded.dispose();
  }
}

/** Four decimals keep the JSON small and lose nothing visible. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

if (import.meta.main) {
  await runCli(
    { task: "muddle", usage: MUDDLE_USAGE, parse: parseMuddleArgs, run: main },
    Deno.args,
  );
}
