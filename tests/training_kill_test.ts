import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import { decodeCheckpoint, encodeCheckpoint } from "../train/checkpoint.ts";
import { Rng } from "../lib/random/seeded_rng.ts";

// Kills `deno task train` (small runs) with SIGKILL at random moments and checks
// that the model directory always holds a complete set, old or new, and that
// --resume always finishes with a valid model.

const root = new URL("../", import.meta.url);
const main = new URL("train/main.ts", root).pathname;
const SMALL = [
  ...["--limit", "256", "--epochs", "2", "--judge-epochs", "1", "--umap-epochs", "10"],
  ...["--eval-limit", "500"],
];

function train(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-env", main, ...SMALL, ...args],
    cwd: root.pathname,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** The epochs of the complete set in `out`, or null when there is none yet. Throws if incomplete. */
async function completeSet(out: string): Promise<number | null> {
  try {
    await Deno.stat(out);
  } catch {
    return null;
  }
  const artifacts = await loadModelArtifacts((path) => Deno.readFile(`${out}/${path}`), {
    models: [],
    testImages: false,
    verifyAll: true,
  });
  return artifacts.manifest.training.epochs;
}

// Deterministic "random" kill times so a failure can be replayed.
const killTimes = new Rng(12345);
const random = () => killTimes.next();

/** Runs `args`, SIGKILLs it after `delay` ms; whether it finished first, and how long it ran. */
async function killAfter(delay: number, args: string[], expected: (number | null)[]) {
  const started = performance.now();
  const child = train(args);
  const timer = setTimeout(() => child.kill("SIGKILL"), delay);
  const status = await child.status;
  clearTimeout(timer);
  await child.stdout.cancel();
  await child.stderr.cancel();
  const seed = await completeSet(args[args.indexOf("--out") + 1]);
  assert(expected.includes(seed), `after a kill at ${delay.toFixed(0)} ms: set of ${seed} epochs`);
  return { finished: status.success, ms: performance.now() - started };
}

async function finish(args: string[]): Promise<string> {
  const { code, stderr } = await train(args).output();
  const text = new TextDecoder().decode(stderr);
  assertEquals(code, 0, text);
  return text;
}

Deno.test("SIGKILL at random moments never leaves a half-written model; --resume finishes", async () => {
  await tf.setBackend("cpu");
  const dir = await Deno.makeTempDir();
  const out = `${dir}/model`;
  try {
    // A 1-epoch set first; how long that run takes spreads the kills below over a run.
    const t0 = performance.now();
    await finish(["--out", out, "--epochs", "1"]);
    let runMs = performance.now() - t0;
    assertEquals(await completeSet(out), 1);

    // Runs killed and resumed until at least three kills have landed: until a run
    // publishes, the previous complete set stays. A run that finishes before its
    // kill publishes its set; the next one then aims one epoch further. A resumed
    // run is shorter than a fresh one, so the window follows the last run that
    // finished, and a busy machine only costs more attempts.
    let epochs = 2;
    let kills = 0;
    for (let attempt = 0; kills < 3 && attempt < 20; attempt++) {
      const args = ["--out", out, "--epochs", String(epochs), ...(attempt > 0 ? ["--resume"] : [])];
      // The first kill lands before the new run has done anything; later ones
      // anywhere in the first 80% of a run's length.
      const delay = attempt === 0 ? 300 : 300 + random() * Math.max(0, runMs - 300) * 0.8;
      const run = await killAfter(delay, args, [epochs - 1, epochs]);
      if (run.finished) {
        epochs++;
        runMs = run.ms;
      } else kills++;
    }
    assert(kills >= 3, `only ${kills} of the runs were killed before they finished`);
    const log = await finish(["--out", out, "--epochs", String(epochs), "--resume"]);
    assertEquals(await completeSet(out), epochs);
    assert(/resuming after epoch|no checkpoint|wrote/.test(log), log);
    const siblings = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assertEquals(siblings, [".model.checkpoint", "model"], "no staging or old copies left");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a non-finite loss stops training with a clear message and keeps the last good checkpoint", async () => {
  const dir = await Deno.makeTempDir();
  const out = `${dir}/model`;
  try {
    await finish(["--out", out, "--epochs", "1", "--judge-epochs", "0"]);
    const file = `${dir}/.model.checkpoint/checkpoint.bin`;
    const checkpoint = decodeCheckpoint<{ epoch: number }>(await Deno.readFile(file), file);
    assertEquals(checkpoint.meta.epoch, 1);
    // Poison the weights: the next step's loss is NaN.
    for (const array of checkpoint.arrays) {
      if (array.name.startsWith("encoder:")) array.values.fill(NaN);
    }
    const poisoned = encodeCheckpoint(checkpoint);
    await Deno.writeFile(file, poisoned);
    const { code, stderr } = await train([
      "--out",
      out,
      "--epochs",
      "2",
      "--judge-epochs",
      "0",
      "--resume",
    ]).output();
    const text = new TextDecoder().decode(stderr);
    assertEquals(code, 1, text);
    assert(
      /loss became NaN in epoch 2, batch 1; stopped\. The last good checkpoint \(epoch 1\)/.test(
        text,
      ),
      text,
    );
    assertEquals(await Deno.readFile(file), poisoned, "checkpoint left as it was");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
