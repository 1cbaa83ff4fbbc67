/**
 * `deno task bench:api-memory [--rounds R] [--requests N]`
 *
 * The server's memory with the garbage collected: drives the assembled app
 * (as main.ts builds it, wasm backend included) in-process with R rounds of
 * N concurrent-by-32 /api/decode requests, forces a full GC after each round
 * and prints the V8 heap in use, external memory, RSS and the tfjs tensor
 * count. A leak shows as a heap that keeps growing; RSS seen from outside
 * (bench:api) also grows until V8 decides to collect, so it cannot tell.
 * Needs `--v8-flags=--expose-gc` (the task passes it). Last line: JSON.
 */
import { integerOption, readCommandLine } from "../lib/validation/command_line.ts";
import * as tf from "@tensorflow/tfjs";
import { createSite } from "../server/site.ts";
import { createHardening } from "../server/hardening.ts";
import { loadServerModel } from "../server/model.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";

interface Sample {
  requests: number;
  heapUsedMb: number;
  externalMb: number;
  rssMb: number;
  tensors: number;
}

async function main(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.error("run with --v8-flags=--expose-gc (deno task bench:api-memory does)");
    return 2;
  }
  const command = "bench:api-memory";
  const values = readCommandLine(command, Deno.args, {
    rounds: { type: "string" },
    requests: { type: "string" },
  });
  const rounds = integerOption(command, values, "rounds", 1, 1000, 8);
  const perRound = integerOption(command, values, "requests", 1, 1_000_000, 3200);
  const root = new URL("../", import.meta.url);
  await initBackend(tfjsWasmDir(root));
  const modelDir = Deno.env.get("MUDDLE_MODEL_DIR") ?? new URL("static/model", root).pathname;
  const model = await loadServerModel(modelDir);
  const app = createSite({
    model,
    modelDir,
    buildDir: new URL("static/build", root).pathname,
    staticDir: new URL("static", root).pathname,
    middleware: createHardening().middleware,
  });
  const decodeOne = async (i: number) => {
    const latent = Array.from({ length: model.latentSize }, (_, k) => Math.sin(i * 7 + k) * 2);
    const res = await app.fetch(
      new Request("http://localhost/api/decode", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ latent }),
      }),
    );
    if (res.status !== 200) throw new Error(`decode answered ${res.status}`);
    await res.arrayBuffer();
  };
  const samples: Sample[] = [];
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  for (let round = 0, sent = 0; round <= rounds; round++) {
    if (round > 0) {
      for (let i = 0; i < perRound; i += 32) {
        await Promise.all(Array.from({ length: 32 }, (_, k) => decodeOne(sent + k)));
        sent += 32;
      }
    }
    gc();
    await new Promise((r) => setTimeout(r, 50));
    gc();
    const m = Deno.memoryUsage();
    const s = {
      requests: sent,
      heapUsedMb: mb(m.heapUsed),
      externalMb: mb(m.external),
      rssMb: mb(m.rss),
      tensors: tf.memory().numTensors,
    };
    samples.push(s);
    console.log(
      `${
        String(s.requests).padStart(7)
      } requests: heap ${s.heapUsedMb} MB, external ${s.externalMb} MB, rss ${s.rssMb} MB, tensors ${s.tensors}`,
    );
  }
  model.dispose();
  const first = samples[1] ?? samples[0];
  const last = samples[samples.length - 1];
  console.log(JSON.stringify({
    samples,
    heapGrowthMb: Math.round((last.heapUsedMb - first.heapUsedMb) * 10) / 10,
    tensorGrowth: last.tensors - first.tensors,
  }));
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
}
