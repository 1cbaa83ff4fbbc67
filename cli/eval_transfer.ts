/**
 * `deno task eval --transfer`: how far choosing by a panel can carry to a
 * reader outside it. For each held-out reader it runs boundary three times on
 * the same inputs and scores that reader: with the shipped panel; with every
 * other held-out reader added to the panel (so the panel holds the nearest
 * relatives it could have, and only this reader is unseen); and with every
 * held-out reader added, itself included (in-sample). If the middle figure
 * stays near the first, a bigger or closer panel is not the lever: readers
 * simply put the D|P border in places of their own.
 */
import type * as tf from "@tensorflow/tfjs";
import { fastPasses } from "../lib/kernels/fast_passes.ts";
import { tfjsPass } from "../lib/kernels/tfjs_pass.ts";
import { createMuddleEngine, runJudges } from "../lib/muddle/mod.ts";
import { IMAGE_PIXELS } from "../lib/model/sizes.ts";
import type { LoadedEngine } from "./load_engine.ts";
import { evalInputs, passesReader } from "./eval_sample.ts";
import { outputProgress } from "./output_progress.ts";

/** One held-out reader's success rate under the three panels. */
export interface TransferRow {
  reader: string;
  /** boundary consults the shipped panel. */
  shipped: number;
  /** The panel also holds every other held-out reader; this one alone is unseen. */
  othersAdded: number;
  /** The panel holds every held-out reader, this one included (in-sample). */
  consulted: number;
}

export interface TransferResult {
  rows: TransferRow[];
  /** Readers in the shipped panel (judges included). */
  panelSize: number;
  inputs: number;
}

/** Runs the three panels for each held-out reader on `count` random given inputs per digit. */
export async function measureTransfer(
  loaded: LoadedEngine,
  options: { count: number; seed: number },
): Promise<TransferResult> {
  const models = loaded.models;
  const holdout = loaded.artifacts.models.holdout;
  if (!holdout || Object.keys(loaded.heldout).length === 0) {
    throw new TypeError(
      "eval --transfer needs the holdout classifier and the held-out readers; " +
        "use a model directory written by `deno task train`",
    );
  }
  const heldout: Record<string, tf.LayersModel> = { holdout, ...loaded.heldout };
  const heldFast = (await fastPasses({ decoder: models.decoder, judges: {}, readers: heldout }))
    .readers;
  const inputs = evalInputs(loaded.engine, options.count, options.seed);
  // tfjs's own predict scores, as in eval: independent of the kernels boundary runs.
  const scorers = Object.fromEntries(
    Object.entries(heldout).map(([name, model]) => [name, tfjsPass(model)]),
  );
  const started = performance.now();

  /** Success of each of `scored` when boundary consults the shipped panel plus `added`. */
  const run = (added: string[], scored: string[]): Record<string, number> => {
    const engine = createMuddleEngine({
      ...models,
      readers: { ...models.readers, ...pick(heldout, added) },
      fast: { ...models.fast, readers: { ...models.fast?.readers, ...pick(heldFast, added) } },
    });
    const images = new Float32Array(inputs.length * IMAGE_PIXELS);
    const tick = outputProgress(`panel + [${added.join(", ")}]`, inputs.length);
    const outputs = inputs.map((from, i) => {
      const result = engine.generate({ from, method: "boundary", seed: (options.seed + i) >>> 0 });
      images.set(result.image, i * IMAGE_PIXELS);
      tick(i + 1);
      return {
        digit: result.digit,
        partner: result.partner,
        digitLike: loaded.engine.isDigitLike(result.image, result.digit, result.partner),
      };
    });
    const members = runJudges(pick(scorers, scored), images).members;
    const rates = Object.fromEntries(scored.map((name) => [
      name,
      outputs.filter((o, i) => passesReader(members[name], o, i)).length / outputs.length,
    ]));
    console.error(
      `transfer: panel + [${added.join(", ")}]: ${
        scored.map((n) => `${n} ${(rates[n] * 100).toFixed(1)}%`).join(", ")
      } (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    return rates;
  };

  const names = Object.keys(heldout);
  const shipped = run([], names);
  const consulted = run(names, names);
  const rows = names.map((reader) => ({
    reader,
    shipped: shipped[reader],
    othersAdded: run(names.filter((n) => n !== reader), [reader])[reader],
    consulted: consulted[reader],
  }));
  const panelSize = Object.keys(models.judges).length + Object.keys(models.readers ?? {}).length;
  return { rows, panelSize, inputs: inputs.length };
}

/** The result as a table, with the means last. */
export function transferTable(result: TransferResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const mean = (f: (row: TransferRow) => number) =>
    result.rows.reduce((sum, row) => sum + f(row), 0) / result.rows.length;
  const others = result.rows.length - 1;
  return [
    `boundary on ${result.inputs} random given inputs; success under each held-out reader when`,
    `the panel is the shipped one (${result.panelSize} readers), the shipped one plus the other`,
    `${others} held-out readers (only this one unseen), and plus all ${result.rows.length}` +
    ` (this one consulted: in-sample).`,
    "",
    `| reader | shipped panel | + the other ${others} held out | + all (in-sample) |`,
    "| --- | --- | --- | --- |",
    ...result.rows.map((row) =>
      `| ${row.reader} | ${pct(row.shipped)} | ${pct(row.othersAdded)} | ${pct(row.consulted)} |`
    ),
    `| mean | ${pct(mean((r) => r.shipped))} | ${pct(mean((r) => r.othersAdded))} | ${
      pct(mean((r) => r.consulted))
    } |`,
  ].join("\n");
}

function pick<T>(record: Record<string, T>, names: string[]): Record<string, T> {
  return Object.fromEntries(names.map((name) => [name, record[name]]));
}
