/**
 * `deno task eval --atlas`: computes the confusion atlas (lib/muddle/atlas.ts)
 * on a model directory and ships it with the model: atlas.json is written
 * beside the other artifacts and listed, with its sha256, in manifest.json,
 * both by temp file and rename so a reader never sees half of either.
 */
import { writeFileAtomic } from "../files/atomic_files.ts";
import { sha256Hex } from "../lib/artifacts/sha256.ts";
import { computeAtlas, type ConfusionAtlas, runJudges } from "../lib/muddle/mod.ts";
import type { LoadedEngine } from "./load_engine.ts";
import { tfjsPass } from "../lib/kernels/tfjs_pass.ts";

/** Computes the atlas with `count` outputs per pair and writes it into `modelDir`. */
export async function writeAtlas(
  loaded: LoadedEngine,
  modelDir: string,
  options: { count: number; seed: number },
): Promise<ConfusionAtlas> {
  const model = loaded.artifacts.models.holdout;
  if (!model) throw new TypeError("writeAtlas() needs the holdout classifier loaded");
  // tfjs's own predict for the held-out reader, as eval uses it: independent of the methods' kernels.
  const holdout = tfjsPass(model);
  const started = performance.now();
  const atlas = computeAtlas(
    loaded.engine,
    (images) => runJudges({ holdout }, images).mean,
    {
      ...options,
      onCell: (c) =>
        c.partner === 9 || (c.digit === 9 && c.partner === 8)
          ? console.error(
            `atlas: digit ${c.digit} done (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          )
          : undefined,
    },
  );
  const bytes = new TextEncoder().encode(JSON.stringify(atlas));
  const dir = modelDir.replace(/\/$/, "");
  await writeFileAtomic(`${dir}/atlas.json`, bytes);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  manifest.files["atlas.json"] = { sha256: await sha256Hex(bytes), bytes: bytes.byteLength };
  await writeFileAtomic(
    `${dir}/manifest.json`,
    new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"),
  );
  return atlas;
}

/** The atlas as a table: held-out reader's successes first, the ensemble's (in-sample) second. */
export function atlasTable(atlas: ConfusionAtlas): string {
  const lines = [
    `Confusion atlas: boundary, ${atlas.count} outputs per pair (seeds ${atlas.seed}..${
      atlas.seed + atlas.count - 1
    }).`,
    "Cell: holdout successes / ensemble successes (in-sample); row D, column P.",
    "",
    `| D \\ P | ${Array.from({ length: 10 }, (_, p) => p).join(" | ")} |`,
    `| --- |${" --- |".repeat(10)}`,
  ];
  for (let d = 0; d < 10; d++) {
    const row = Array.from({ length: 10 }, (_, p) => {
      const cell = atlas.cells.find((c) => c.digit === d && c.partner === p);
      return cell ? `${cell.holdoutSuccesses}/${cell.successes}` : "";
    });
    lines.push(`| ${d} | ${row.join(" | ")} |`);
  }
  const total = (key: "holdoutSuccesses" | "successes") =>
    atlas.cells.reduce((s, c) => s + c[key], 0);
  const n = atlas.cells.length * atlas.count;
  lines.push(
    "",
    `Held out: ${(total("holdoutSuccesses") / n * 100).toFixed(1)}% of ${n}; in-sample ensemble: ${
      (total("successes") / n * 100).toFixed(1)
    }%.`,
  );
  return lines.join("\n");
}
