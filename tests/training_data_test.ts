/**
 * `deno task train --data DIR --classes ...` on a small IDX data set the test
 * makes itself (ten classes of strokes at ten angles, one file gzipped as
 * downloads are): the model directory loads, keeps the class names, and the
 * server serves it.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { loadModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import { createRng } from "../lib/random/seeded_rng.ts";
import { loadServerModel } from "../server/model.ts";
import { createSite } from "../server/site.ts";
import { createHardening } from "../server/hardening.ts";

const root = new URL("../", import.meta.url);
const CLASSES = "zero,one,two,three,four,five,six,seven,eight,nine";

/** An IDX file: magic, dimensions, bytes. */
function idx(magic: number, dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/** n images of strokes through the centre, class c at c * 18 degrees, with jitter. */
function strokes(n: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const rng = createRng(seed);
  const images = new Uint8Array(n * 784), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[i] = c;
    const angle = (c * 18 + rng.next() * 6) * Math.PI / 180;
    for (let s = -9; s <= 9; s += 0.25) {
      const x = Math.round(14 + s * Math.cos(angle) + rng.next() - 0.5);
      const y = Math.round(14 + s * Math.sin(angle));
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1]]) {
        if (x + dx >= 0 && x + dx < 28 && y + dy >= 0 && y + dy < 28) {
          images[i * 784 + (y + dy) * 28 + x + dx] = 255;
        }
      }
    }
  }
  return { images, labels };
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function train(args: string[]) {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-env", "train/main.ts", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code, stderr: new TextDecoder().decode(stderr) };
}

Deno.test("deno task train --data trains on a generated IDX set and the manifest keeps its class names", async () => {
  const dir = await Deno.makeTempDir({ prefix: "muddle_idx_" });
  try {
    const data = `${dir}/strokes`;
    await Deno.mkdir(data);
    const trainSet = strokes(400, 1), testSet = strokes(100, 2);
    await Deno.writeFile(
      `${data}/train-images-idx3-ubyte.gz`,
      await gzip(idx(0x803, [400, 28, 28], trainSet.images)),
    );
    await Deno.writeFile(`${data}/train-labels-idx1-ubyte`, idx(0x801, [400], trainSet.labels));
    await Deno.writeFile(
      `${data}/t10k-images-idx3-ubyte`,
      idx(0x803, [100, 28, 28], testSet.images),
    );
    await Deno.writeFile(`${data}/t10k-labels-idx1-ubyte`, idx(0x801, [100], testSet.labels));
    const out = `${dir}/model`;
    const run = await train([
      "--data",
      data,
      "--classes",
      CLASSES,
      "--epochs",
      "2",
      "--judge-epochs",
      "1",
      "--umap-epochs",
      "5",
      "--out",
      out,
    ]);
    assertEquals(run.code, 0, run.stderr);
    const artifacts = await loadModelArtifacts((path) => Deno.readFile(`${out}/${path}`), {
      verifyAll: true,
    });
    const { dataset } = artifacts.manifest;
    assertEquals(dataset.classes, CLASSES.split(","));
    assertEquals([dataset.name, dataset.trainCount, dataset.testCount], ["strokes", 400, 100]);
    assertEquals(dataset.files["train-images-idx3-ubyte"].count, 400);
    ok(
      artifacts.manifest.judges.judge.testAccuracy > 0.3,
      `judge ${artifacts.manifest.judges.judge.testAccuracy}`,
    );
    Object.values(artifacts.models).forEach((m) => m.dispose());

    const cli = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "cli/muddle.ts",
        "--model",
        out,
        "--digit",
        "3",
        "--count",
        "1",
        "--method",
        "avg",
        "--seed",
        "1",
        "--json",
      ],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(cli.code, 0, new TextDecoder().decode(cli.stderr));
    const item = JSON.parse(new TextDecoder().decode(cli.stdout)).items[0];
    assertEquals(item.digitClass, "three");
    assertEquals(item.partnerClass, CLASSES.split(",")[item.partner]);

    const model = await loadServerModel(out);
    try {
      // The hardening chain reads JSON bodies for the API, as in main.ts.
      const { middleware } = createHardening();
      const app = createSite({ model, modelDir: out, buildDir: out, staticDir: out, middleware });
      const health = await (await app.fetch(new Request("http://localhost/api/health"))).json();
      assertEquals(health.model.classes, CLASSES.split(","));
      const res = await app.fetch(
        new Request("http://localhost/api/neighbors", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ index: 0, k: 3 }),
        }),
      );
      const { neighbors } = await res.json();
      assertEquals(neighbors.length, 3);
      for (const n of neighbors) assertEquals(n.class, CLASSES.split(",")[n.digit]);
    } finally {
      model.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task train --data and --classes name what is wrong", async () => {
  const dir = await Deno.makeTempDir({ prefix: "muddle_idx_" });
  try {
    let run = await train(["--data", dir, "--classes", "a,b"]);
    assertEquals(run.code, 2);
    ok(/--classes "a,b" is not valid, expected 10 distinct/.test(run.stderr), run.stderr);
    run = await train(["--data", dir, "--out", `${dir}/model`]);
    assertEquals(run.code, 1);
    ok(/train-images-idx3-ubyte: missing \(nor .*\.gz\)/.test(run.stderr), run.stderr);
    const labels = new Uint8Array(20).fill(3);
    await Deno.writeFile(
      `${dir}/train-images-idx3-ubyte`,
      idx(0x803, [20, 28, 28], new Uint8Array(20 * 784)),
    );
    await Deno.writeFile(`${dir}/train-labels-idx1-ubyte`, idx(0x801, [20], labels));
    await Deno.writeFile(
      `${dir}/t10k-images-idx3-ubyte`,
      idx(0x803, [20, 28, 28], new Uint8Array(20 * 784)),
    );
    await Deno.writeFile(`${dir}/t10k-labels-idx1-ubyte`, idx(0x801, [19], labels.subarray(1)));
    run = await train(["--data", dir, "--out", `${dir}/model`]);
    assertEquals(run.code, 1);
    ok(/the test set has 20 images but 19 labels/.test(run.stderr), run.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
