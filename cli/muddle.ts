/**
 * `deno task muddle`: makes ambiguous digits, each from its own input image,
 * and prints them as JSON or writes PNG files (a captioned contact sheet) or
 * an IDX dataset. See MUDDLE_USAGE for the options.
 */
import type { MuddleResult } from "../lib/muddle/mod.ts";
import { loadEngine } from "./load_engine.ts";
import { MUDDLE_USAGE, type MuddleArgs, parseMuddleArgs } from "./muddle_args.ts";
import { writeIdx, writePng } from "./muddle_output.ts";
import { runCli } from "./run_cli.ts";
import { outputProgress } from "./output_progress.ts";

async function main(args: MuddleArgs): Promise<number> {
  const loaded = await loadEngine(args.model, false);
  try {
    const { engine } = loaded;
    const labels = loaded.models.labels;
    const bad = args.from?.find((index) => index >= labels.length);
    if (bad !== undefined) {
      console.error(
        `error: --from ${bad} is not allowed; expected test image indices from 0 to ${
          labels.length - 1
        }`,
      );
      return 2;
    }
    // Each input is drawn once per call; every output gets its own seed, one apart.
    const inputs = args.from ?? args.digits.flatMap((digit, k) => {
      const available = engine.inputsOf(digit);
      if (args.count > available) {
        throw new RangeError(
          `--count ${args.count} is more than the ${available} test images of ${digit}`,
        );
      }
      return engine.drawInputs(digit, args.count, (args.seed + k * 7919) >>> 0);
    });
    const tick = outputProgress(args.method, inputs.length);
    const items: MuddleResult[] = inputs.map((from, i) => {
      const item = engine.generate({
        from,
        partner: args.partner,
        method: args.method,
        seed: (args.seed + i) >>> 0,
      });
      tick(i + 1);
      return item;
    });
    // A model trained with --classes names its classes; the digits stand for them.
    const classes = loaded.artifacts.manifest.dataset.classes;
    const name = (c: number) => classes?.[c] ?? String(c);
    if (args.format === "json") {
      const json = items.map((item) => ({
        ...item,
        ...(classes ? { digitClass: name(item.digit), partnerClass: name(item.partner) } : {}),
        image: Array.from(item.image, round),
      }));
      console.log(JSON.stringify({ items: json }));
      return 0;
    }
    if (args.format === "idx") {
      await writeIdx(args.out, items);
      console.log(`wrote ${items.length} images, digits, partners and labels.csv to ${args.out}/`);
      return 0;
    }
    const onSheet = await writePng(args.out, items, args.scale);
    for (const item of items) {
      const p = item.judge.probabilities;
      console.log(
        `#${item.from.index}: ${name(item.digit)} -> ${name(item.partner)}  t=${
          item.t.toFixed(3)
        }  ` +
          `p(${name(item.digit)})=${p[item.digit].toFixed(2)}  p(${name(item.partner)})=${
            p[item.partner].toFixed(2)
          }`,
      );
    }
    const sheet = onSheet < items.length ? `sheet.png (the first ${onSheet})` : "sheet.png";
    console.log(`wrote ${items.length} PNG files and ${sheet} to ${args.out}/`);
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
