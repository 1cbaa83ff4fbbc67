/**
 * `deno task eval`: scores each method on N outputs per digit with the judge
 * ensemble and the holdout classifier, prints tables and, last, a JSON line
 * with each method's success rate. See EVAL_USAGE.
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
import { BOUNDARY_VARIANTS, type EvalVariant, METHOD_VARIANTS } from "./eval_variants.ts";
import { loadEngine } from "./load_engine.ts";
import { tfjsPass } from "../lib/kernels/tfjs_pass.ts";
import { atlasTable, writeAtlas } from "./eval_atlas.ts";

async function main(args: EvalArgs): Promise<number> {
  const loaded = await loadEngine(args.model, true);
  try {
    if (args.atlas) {
      const atlas = await writeAtlas(loaded, args.model, args);
      console.log(atlasTable(atlas));
      console.log(`wrote ${args.model}/atlas.json and listed it in manifest.json`);
      return 0;
    }
    const models = loaded.models;
    // tfjs's own predict for the held-out reader: it checks the methods, so keep it independent.
    const holdout = tfjsPass(loaded.artifacts.models.holdout!);
    const variants = (args.variants ? [...METHOD_VARIANTS, ...BOUNDARY_VARIANTS] : METHOD_VARIANTS)
      .filter((v) => args.only.length === 0 || args.only.some((part) => v.name.includes(part)));
    const results: [EvalVariant, MuddleSummary][] = [];
    for (const variant of variants) {
      const judges = variant.judges
        ? Object.fromEntries(variant.judges.map((name) => [name, models.judges[name]]))
        : models.judges;
      // Count decoded images: a cost figure that, unlike milliseconds, ignores machine load.
      let decoded = 0;
      const decoder = new Proxy(models.decoder, {
        get(target, prop) {
          if (prop !== "predict") return Reflect.get(target, prop);
          return (x: tf.Tensor, config?: tf.ModelPredictConfig) => {
            decoded += x.shape[0];
            return target.predict(x, config);
          };
        },
      });
      // Decodes through the fast pass count too.
      const fastDecoder = models.fast?.decoder;
      const fast = {
        ...models.fast,
        decoder: fastDecoder &&
          ((input: Float32Array, n: number) => (decoded += n, fastDecoder(input, n))),
      };
      const engine = createMuddleEngine({ ...models, decoder, judges, fast }, {
        boundary: variant.boundary,
      });
      const outputs: ScoredOutput[] = [];
      const images = new Float32Array(10 * args.count * 784);
      for (let digit = 0; digit < 10; digit++) {
        for (let i = 0; i < args.count; i++) {
          const start = performance.now();
          decoded = 0;
          const result = engine.generate({ digit, method: variant.method, seed: args.seed + i });
          const ms = performance.now() - start;
          images.set(result.image, outputs.length * 784);
          // Score every variant with the full ensemble, whatever it consulted.
          const judge = variant.judges ? loaded.engine.judge(result.image)[0] : result.judge;
          const digitLike = loaded.engine.isDigitLike(result.image, digit, result.partner);
          outputs.push({ digit, partner: result.partner, judge, ms, decodes: decoded, digitLike });
        }
      }
      const held = runJudges({ holdout }, images).mean;
      outputs.forEach((o, i) => o.holdout = held.subarray(i * 10, i * 10 + 10));
      const summary = summarize(outputs);
      results.push([variant, summary]);
      console.error(`${variant.name}: ${(summary.successRate * 100).toFixed(1)}%`);
    }
    printTables(results, args.count);
    const shipped = results.filter(([v]) => METHOD_VARIANTS.includes(v));
    console.log(JSON.stringify({
      ...Object.fromEntries(shipped.map(([v, s]) => [v.name, round(s.successRate)])),
      holdout: Object.fromEntries(shipped.map(([v, s]) => [v.name, round(s.holdoutRate)])),
      count: args.count,
      seed: args.seed,
    }));
    return 0;
  } finally {
    loaded.dispose();
  }
}

function printTables(results: [EvalVariant, MuddleSummary][], count: number): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `\n${count} outputs per digit and method (${
      count * 10
    } each), tfjs ${tf.getBackend()} backend.\n`,
  );
  console.log(
    "| method | success (ensemble) | holdout | CNN alone | MLP alone | mean winner | mean p(D)+p(P) | mean balance | digit-like | ms/output | decodes/output |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [variant, s] of results) {
    console.log(
      `| ${variant.name} | ${pct(s.successRate)} | ${pct(s.holdoutRate)} | ${
        pct(s.memberRates.judge ?? NaN)
      } | ${pct(s.memberRates.judge_mlp ?? NaN)} | ${s.meanWinner.toFixed(3)} | ${
        s.meanPair.toFixed(3)
      } | ${s.meanBalance.toFixed(3)} | ${pct(s.digitLikeRate)} | ${s.meanMs.toFixed(1)} | ${
        s.meanDecodes.toFixed(0)
      } |`,
    );
  }
  const shipped = results.filter(([v]) => METHOD_VARIANTS.includes(v));
  const keys = [...new Set(shipped.flatMap(([, s]) => Object.keys(s.pairs)))].sort();
  console.log(`\nPer pair (D-P: ensemble successes / outputs):\n`);
  console.log(`| pair | ${shipped.map(([v]) => v.name).join(" | ")} |`);
  console.log(`| --- | ${shipped.map(() => "---").join(" | ")} |`);
  for (const key of keys) {
    const cells = shipped.map(([, s]) => {
      const p = s.pairs[key];
      return p ? `${p.successes}/${p.count}` : "";
    });
    console.log(`| ${key} | ${cells.join(" | ")} |`);
  }
  console.log("");
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

if (import.meta.main) {
  await runCli({ task: "eval", usage: EVAL_USAGE, parse: parseEvalArgs, run: main }, Deno.args);
}
