/**
 * `deno task eval`: scores each method on N random given inputs per digit,
 * first under readers no method consults (held out), then in-sample; prints
 * tables and, last, a JSON line with each method's rates. See EVAL_USAGE.
 */
import * as tf from "@tensorflow/tfjs";
import {
  createMuddleEngine,
  type MuddleSummary,
  runJudges,
  type ScoredOutput,
  summarize,
} from "../lib/muddle/mod.ts";
import { EVAL_USAGE, type EvalArgs, parseEvalArgs } from "./eval_args.ts";
import { runCli } from "./run_cli.ts";
import { outputProgress } from "./output_progress.ts";
import {
  BOUNDARY_VARIANTS,
  type EvalVariant,
  METHOD_VARIANTS,
  REFERENCE_VARIANTS,
} from "./eval_variants.ts";
import { loadEngine } from "./load_engine.ts";
import { tfjsPass } from "../lib/kernels/tfjs_pass.ts";
import { atlasTable, writeAtlas } from "./eval_atlas.ts";
import { evalInputs, passesReader } from "./eval_sample.ts";
import { measureTransfer, transferTable } from "./eval_transfer.ts";

/** One variant's figures: held-out success per reader, in-sample, and the rest. */
interface VariantResult {
  variant: EvalVariant;
  summary: MuddleSummary;
  /** Success rate under each held-out reader, by name. */
  heldout: Record<string, number>;
  /** Mean over panel readers of each one's success rate (the readers boundary consults). */
  panel: number;
  distinct: number;
  /** Per "D-P" pair: outputs and successes under each held-out reader, summed. */
  pairs: Record<string, { count: number; heldout: number }>;
}

async function main(args: EvalArgs): Promise<number> {
  const loaded = await loadEngine(args.model, true);
  try {
    if (args.atlas) {
      const atlas = await writeAtlas(loaded, args.model, args);
      console.log(atlasTable(atlas));
      console.log(`wrote ${args.model}/atlas.json and listed it in manifest.json`);
      return 0;
    }
    if (args.transfer) {
      const transfer = await measureTransfer(loaded, args);
      console.log(transferTable(transfer));
      const rows = transfer.rows.map((row) => ({
        reader: row.reader,
        shipped: round(row.shipped),
        othersAdded: round(row.othersAdded),
        consulted: round(row.consulted),
      }));
      console.log(JSON.stringify({ transfer: rows, count: args.count, seed: args.seed }));
      return 0;
    }
    const models = loaded.models;
    // tfjs's own predict for the held-out readers: they check the methods, so keep them independent.
    const heldoutModels = { holdout: loaded.artifacts.models.holdout!, ...loaded.heldout };
    const heldPasses = Object.fromEntries(
      Object.entries(heldoutModels).map(([name, model]) => [name, tfjsPass(model)]),
    );
    // The panel boundary consults: the judges and the readers (none without readers).
    const readerNames = Object.keys(models.readers ?? {});
    const judgeNames = Object.keys(models.judges);
    const panelNames = readerNames.length ? [...Object.keys(models.judges), ...readerNames] : [];
    const variants = [
      ...METHOD_VARIANTS,
      ...REFERENCE_VARIANTS,
      ...(args.variants ? BOUNDARY_VARIANTS : []),
    ].filter((v) => args.only.length === 0 || args.only.some((part) => v.name.includes(part)));
    // The same random given inputs for every variant: N distinct test images of each digit.
    const inputs = evalInputs(loaded.engine, args.count, args.seed);
    const results: VariantResult[] = [];
    for (const variant of variants) {
      const judges = variant.judges
        ? Object.fromEntries(variant.judges.map((name) => [name, models.judges[name]]))
        : models.judges;
      const engine = createMuddleEngine({ ...models, judges }, {
        boundary: variant.boundary,
        farthest: variant.farthest,
      });
      const panelVerdicts: Record<string, number[]>[] = [];
      const outputs: ScoredOutput[] = [];
      const images = new Float32Array(inputs.length * 784);
      const tick = outputProgress(variant.name, inputs.length);
      inputs.forEach((from, i) => {
        const start = performance.now();
        const result = engine.generate({
          from,
          method: variant.method,
          seed: (args.seed + i) >>> 0,
        });
        const ms = performance.now() - start;
        images.set(result.image, i * 784);
        const verdict = loaded.engine.judge(result.image)[0];
        panelVerdicts.push(verdict.members);
        // The judges' figures come from the judges alone, as before the panel.
        const judge = {
          probabilities: verdict.probabilities,
          members: Object.fromEntries(judgeNames.map((name) => [name, verdict.members[name]])),
        };
        const digitLike = loaded.engine.isDigitLike(result.image, result.digit, result.partner);
        outputs.push({ digit: result.digit, partner: result.partner, judge, ms, digitLike });
        tick(i + 1);
      });
      const held = runJudges(heldPasses, images).members;
      outputs.forEach((o, i) => o.holdout = held.holdout.subarray(i * 10, i * 10 + 10));
      const summary = summarize(outputs);
      const heldout = Object.fromEntries(
        Object.entries(held).map(([name, p]) => [
          name,
          outputs.filter((o, i) => passesReader(p, o, i)).length / outputs.length,
        ]),
      );
      const panel = panelNames.length === 0 ? NaN : panelNames.reduce(
        (sum, name) =>
          sum +
          outputs.filter((o, i) => passesReader(panelVerdicts[i][name], o)).length / outputs.length,
        0,
      ) / panelNames.length;
      const distinct = new Set(
        Array.from(
          { length: outputs.length },
          (_, i) =>
            Array.from(images.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)).join(),
        ),
      ).size;
      const pairs: VariantResult["pairs"] = {};
      outputs.forEach((o, i) => {
        const key = `${o.digit}-${o.partner}`;
        pairs[key] ??= { count: 0, heldout: 0 };
        pairs[key].count++;
        for (const p of Object.values(held)) if (passesReader(p, o, i)) pairs[key].heldout++;
      });
      results.push({ variant, summary, heldout, panel, distinct, pairs });
      console.error(
        `${variant.name}: held out ${
          Object.entries(heldout).map(([n, r]) => `${n} ${(r * 100).toFixed(1)}%`).join(", ")
        }; in-sample panel ${(panel * 100).toFixed(1)}%`,
      );
    }
    printTables(results, args.count, Object.keys(heldoutModels), panelNames.length);
    const shipped = results.filter((r) => METHOD_VARIANTS.includes(r.variant));
    console.log(JSON.stringify({
      heldout: Object.fromEntries(
        shipped.map((r) => [r.variant.name, mapValues(r.heldout, round)]),
      ),
      inSample: Object.fromEntries(
        shipped.map((
          r,
        ) => [r.variant.name, { panel: round(r.panel), judges: round(r.summary.successRate) }]),
      ),
      count: args.count,
      seed: args.seed,
    }));
    return 0;
  } finally {
    loaded.dispose();
  }
}

function printTables(
  results: VariantResult[],
  count: number,
  heldNames: string[],
  panelSize: number,
): void {
  const pct = (x: number) => Number.isNaN(x) ? "-" : `${(x * 100).toFixed(1)}%`;
  console.log(
    `\n${count} random given inputs per digit (${count * 10} per method), tfjs ${tf.getBackend()}` +
      ` backend. Held out: readers no method consults. In-sample: the ${panelSize} panel readers` +
      ` boundary consults (mean of each one's rate), and the judge ensemble.\n`,
  );
  console.log(
    `| method | ${heldNames.map((n) => `held out: ${n}`).join(" | ")} | in-sample: panel | ` +
      `in-sample: judges | digit-like | distinct outputs | ms/output |`,
  );
  console.log(`| --- | ${heldNames.map(() => "---").join(" | ")} | --- | --- | --- | --- | --- |`);
  for (const r of results) {
    console.log(
      `| ${r.variant.name} | ${heldNames.map((n) => pct(r.heldout[n])).join(" | ")} | ${
        pct(r.panel)
      } | ${pct(r.summary.successRate)} | ${
        pct(r.summary.digitLikeRate)
      } | ${r.distinct}/${r.summary.count} | ${r.summary.meanMs.toFixed(1)} |`,
    );
  }
  const shipped = results.filter((r) => METHOD_VARIANTS.includes(r.variant));
  const keys = [...new Set(shipped.flatMap((r) => Object.keys(r.pairs)))].sort();
  console.log(
    `\nPer pair (D-P): held-out successes, summed over the ${heldNames.length} held-out readers` +
      ` / (outputs x readers):\n`,
  );
  console.log(`| pair | ${shipped.map((r) => r.variant.name).join(" | ")} |`);
  console.log(`| --- | ${shipped.map(() => "---").join(" | ")} |`);
  for (const key of keys) {
    const cells = shipped.map((r) => {
      const p = r.pairs[key];
      return p ? `${p.heldout}/${p.count * heldNames.length}` : "";
    });
    console.log(`| ${key} | ${cells.join(" | ")} |`);
  }
  console.log("");
}

function mapValues(record: Record<string, number>, f: (x: number) => number) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

if (import.meta.main) {
  await runCli({ task: "eval", usage: EVAL_USAGE, parse: parseEvalArgs, run: main }, Deno.args);
}
