/**
 * /api/encode, /api/neighbors and /api/decode at a map position, on the
 * shipped model, with the quality targets measured over the first 200
 * test images. Figures are printed; each target is asserted.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import jpeg from "jpeg-js";
import type { Hono } from "hono";
import { encodeGrayPng } from "../lib/image/png.ts";
import { createHardening } from "../server/hardening.ts";
import { loadServerModel, type ServerModel } from "../server/model.ts";
import { createSite } from "../server/site.ts";
import { estimateLatent } from "../lib/latent/estimate_latent.ts";
import { createNearestIndex } from "../lib/latent/nearest_index.ts";
import { decodeArray } from "../lib/artifacts/binary_array.ts";

import { API_ENDPOINTS } from "../routes/api/_endpoints.ts";
import { curlExample } from "../routes/api/index.tsx";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const MODEL_DIR = `${ROOT}/static/model`;
const SAMPLE = 200;

async function withSite(run: (app: Hono, model: ServerModel) => Promise<void>) {
  const model = await loadServerModel(MODEL_DIR);
  const app = createSite({
    model,
    modelDir: MODEL_DIR,
    buildDir: `${ROOT}/static/build`,
    staticDir: `${ROOT}/static`,
    middleware: createHardening().middleware,
    log: () => {},
  });
  try {
    await run(app, model);
  } finally {
    model.dispose();
  }
}

function post(app: Hono, path: string, body: BodyInit, type = "application/json") {
  return app.fetch(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": type },
      body,
    }),
  );
}

const argmax = (p: ArrayLike<number>) => Array.from(p).indexOf(Math.max(...Array.from(p)));
const original = (model: ServerModel, i: number) =>
  Float32Array.from(model.testImages.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
const readsAs = (model: ServerModel, image: Float32Array, label: number) =>
  argmax(model.engine.judge(image)[0].probabilities) === label;

/** Test image i enlarged 5x (nearest neighbour), dark ink on white. */
function large(model: ServerModel, i: number): { width: number; height: number; data: Uint8Array } {
  const side = 140, data = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      data[y * side + x] = 255 -
        model.testImages[i * 784 + Math.floor(y / 5) * 28 + Math.floor(x / 5)];
    }
  }
  return { width: side, height: side, data };
}

Deno.test("GET /api lists every endpoint, and each one's example answers 200 on the shipped model", async () => {
  await withSite(async (app, model) => {
    const page = await (await app.fetch(new Request("http://localhost/api"))).text();
    for (const endpoint of API_ENDPOINTS) {
      ok(page.includes(`${endpoint.method} ${endpoint.path}`), endpoint.path);
      const curl = curlExample(endpoint, "http://localhost");
      ok(page.includes(curl.replaceAll("&", "&amp;").replaceAll('"', "&quot;")), curl);
      const res = endpoint.method === "GET"
        ? await app.fetch(new Request(`http://localhost${endpoint.path}${endpoint.example}`))
        : await post(
          app,
          endpoint.path,
          // The file an example names: a test image, as a PNG.
          endpoint.contentType ? encodeGrayPng(large(model, 7)) : endpoint.example,
          endpoint.contentType,
        );
      assertEquals(res.status, 200, `${endpoint.path}: ${await res.clone().text()}`);
      await res.body?.cancel();
    }
    const health = await (await app.fetch(new Request("http://localhost/api/health"))).json();
    assertEquals(health.endpoints.length, API_ENDPOINTS.length);
  });
});

Deno.test("POST /api/encode of a test image's values gives its shipped latent and itself as nearest", async () => {
  await withSite(async (app, model) => {
    let worst = 0;
    for (let i = 0; i < SAMPLE; i++) {
      const res = await post(
        app,
        "/api/encode",
        JSON.stringify({ image: Array.from(original(model, i)) }),
      );
      assertEquals(res.status, 200);
      const body = await res.json();
      assertEquals(body.neighbors[0].index, i);
      ok(body.neighbors[0].distance < 1e-3);
      assertEquals(body.neighbors.length, 8);
      const shipped = model.latentOf({ kind: "image", index: i });
      for (let j = 0; j < 10; j++) worst = Math.max(worst, Math.abs(body.latent[j] - shipped[j]));
      if (i === 0) {
        assertEquals(body.image.length, 784);
        assertEquals(body.reconstruction.length, 784);
        assertEquals(body.judge.probabilities.length, 10);
        ok(Math.abs(body.positions.umap[0] - 0) >= 0 && body.positions.pca.length === 2);
      }
    }
    console.log(
      `encode: largest latent difference from test_latents.bin over ${SAMPLE}: ${
        worst.toExponential(2)
      }`,
    );
    ok(worst < 1e-3, `latents differ by up to ${worst}`);
  });
});

Deno.test("POST /api/encode places a test image at its own map positions", async () => {
  await withSite(async (app, model) => {
    const umap = decodeArray(await Deno.readFile(`${MODEL_DIR}/test_umap.bin`), "float32", [
      10000,
      2,
    ], "u") as Float32Array;
    const pca = decodeArray(
      await Deno.readFile(`${MODEL_DIR}/test_pca.bin`),
      "float32",
      [10000, 2],
      "p",
    ) as Float32Array;
    for (const i of [0, 7, 123]) {
      const body = await (await post(
        app,
        "/api/encode",
        JSON.stringify({ image: Array.from(original(model, i)) }),
      )).json();
      for (const c of [0, 1]) {
        ok(
          Math.abs(body.positions.umap[c] - umap[i * 2 + c]) < 1e-2,
          `umap ${body.positions.umap} vs ${umap[i * 2]},${umap[i * 2 + 1]}`,
        );
        ok(Math.abs(body.positions.pca[c] - pca[i * 2 + c]) < 1e-3);
      }
    }
  });
});

Deno.test("POST /api/encode reads a 140x140 dark-on-light PNG of a test digit as well as the original", async () => {
  await withSite(async (app, model) => {
    const tensors = tf.memory().numTensors;
    let originals = 0, uploads = 0, jpegs = 0;
    for (let i = 0; i < SAMPLE; i++) {
      const label = model.testLabels[i];
      if (readsAs(model, original(model, i), label)) originals++;
      const res = await post(
        app,
        "/api/encode",
        new Uint8Array(encodeGrayPng(large(model, i))),
        "image/png",
      );
      assertEquals(res.status, 200);
      if (argmax((await res.json()).judge.probabilities) === label) uploads++;
      if (i < 50) {
        const gray = large(model, i);
        const rgba = new Uint8Array(gray.data.length * 4).map((_, p) =>
          p % 4 === 3 ? 255 : gray.data[p >> 2]
        );
        const bytes = jpeg.encode({ width: 140, height: 140, data: rgba }, 90).data;
        const r = await post(app, "/api/encode", new Uint8Array(bytes), "image/jpeg");
        if (argmax((await r.json()).judge.probabilities) === label) jpegs++;
      }
    }
    console.log(
      `upload: judge reads ${originals}/${SAMPLE} originals, ${uploads}/${SAMPLE} 140x140 PNGs (ratio ${
        (uploads / originals).toFixed(3)
      }); ${jpegs}/50 JPEGs`,
    );
    ok(uploads >= 0.95 * originals);
    assertEquals(tf.memory().numTensors, tensors, "encoding leaves no tensors behind");
    ok(jpegs >= 0.9 * 50 * (originals / SAMPLE));
  });
});

Deno.test("POST /api/decode at a test image's map position reads as its label as often as its reconstruction", async () => {
  await withSite(async (app, model) => {
    const maps = {
      umap: decodeArray(
        await Deno.readFile(`${MODEL_DIR}/test_umap.bin`),
        "float32",
        [10000, 2],
        "u",
      ) as Float32Array,
      pca: decodeArray(
        await Deno.readFile(`${MODEL_DIR}/test_pca.bin`),
        "float32",
        [10000, 2],
        "p",
      ) as Float32Array,
    };
    let own = 0;
    for (let i = 0; i < SAMPLE; i++) {
      if (
        readsAs(
          model,
          model.engine.decode(model.latentOf({ kind: "image", index: i })),
          model.testLabels[i],
        )
      ) own++;
    }
    for (const projection of ["umap", "pca"] as const) {
      let atPosition = 0, leftOut = 0;
      const index = createNearestIndex(maps[projection], 2);
      for (let i = 0; i < SAMPLE; i++) {
        const xy = [maps[projection][i * 2], maps[projection][i * 2 + 1]] as [number, number];
        const res = await post(
          app,
          "/api/decode",
          JSON.stringify({ position: { projection, xy } }),
        );
        assertEquals(res.status, 200);
        const body = await res.json();
        assertEquals(body.latent.length, 10);
        if (readsAs(model, Float32Array.from(body.image), model.testLabels[i])) atPosition++;
        // The same place with the image itself left out: how well the map's neighbours stand in.
        const estimate = estimateLatent(xy, index, model.testLatents, undefined, i);
        if (readsAs(model, model.engine.decode(estimate), model.testLabels[i])) leftOut++;
      }
      console.log(
        `decode anywhere (${projection}): reconstructions ${own}/${SAMPLE}, at the position ${atPosition}/${SAMPLE} (ratio ${
          (atPosition / own).toFixed(3)
        }), with the image left out ${leftOut}/${SAMPLE} (ratio ${(leftOut / own).toFixed(3)})`,
      );
      ok(atPosition >= 0.85 * own);
    }
  });
});

Deno.test("POST /api/neighbors answers exact neighbours by latent or by index", async () => {
  await withSite(async (app, model) => {
    const latent = Array.from(model.latentOf({ kind: "image", index: 42 }));
    const byLatent = await (await post(app, "/api/neighbors", JSON.stringify({ latent, k: 5 })))
      .json();
    const byIndex = await (await post(app, "/api/neighbors", JSON.stringify({ index: 42, k: 4 })))
      .json();
    assertEquals(byLatent.neighbors[0].index, 42);
    assertEquals(
      byIndex.neighbors.map((n: { index: number }) => n.index),
      byLatent.neighbors.slice(1).map((n: { index: number }) => n.index),
    );
    // Brute force over all 10,000 test latents.
    const d = Array.from({ length: model.testCount }, (_, r) => {
      let s = 0;
      for (let j = 0; j < 10; j++) s += (model.testLatents[r * 10 + j] - latent[j]) ** 2;
      return [r, Math.sqrt(s)];
    }).sort((a, b) => a[1] - b[1]);
    assertEquals(
      byLatent.neighbors.map((n: { index: number }) => n.index),
      d.slice(0, 5).map((x) => x[0]),
    );
    for (const n of byLatent.neighbors) assertEquals(n.digit, model.testLabels[n.index]);
    const def = await (await post(app, "/api/neighbors", JSON.stringify({ index: 3 }))).json();
    assertEquals(def.neighbors.length, 8);
  });
});

Deno.test("the exploring endpoints reject bad input with a clear 4xx", async () => {
  await withSite(async (app) => {
    const cases: [string, BodyInit, string, number, RegExp][] = [
      ["/api/encode", "GIF89a not an image", "image/png", 400, /not a PNG or JPEG/],
      ["/api/encode", new Uint8Array(2 * 1024 * 1024 + 1), "image/png", 413, /2 MB/],
      [
        "/api/encode",
        new Uint8Array(
          encodeGrayPng({ width: 50, height: 50, data: new Uint8Array(2500).fill(240) }),
        ),
        "image/png",
        422,
        /blank/,
      ],
      ["/api/encode", "", "image/jpeg", 400, /no image/],
      ["/api/encode", "x", "text/plain", 415, /image\/png/],
      ["/api/encode", JSON.stringify({ image: [1, 2] }), "application/json", 400, /784 numbers/],
      [
        "/api/encode",
        JSON.stringify({ image: new Array(784).fill(2) }),
        "application/json",
        400,
        /0\.\.1/,
      ],
      [
        "/api/neighbors",
        JSON.stringify({ index: 3, k: 101 }),
        "application/json",
        400,
        /k must be an integer from 1 to 100/,
      ],
      [
        "/api/neighbors",
        JSON.stringify({ index: 3, latent: new Array(10).fill(0) }),
        "application/json",
        400,
        /exactly one/,
      ],
      ["/api/neighbors", JSON.stringify({ index: 10000 }), "application/json", 400, /index/],
      [
        "/api/decode",
        JSON.stringify({ position: { projection: "tsne", xy: [0, 0] } }),
        "application/json",
        400,
        /umap" or "pca/,
      ],
      [
        "/api/decode",
        JSON.stringify({ position: { projection: "pca", xy: [0] } }),
        "application/json",
        400,
        /two numbers/,
      ],
      [
        "/api/decode",
        JSON.stringify({
          position: { projection: "pca", xy: [0, 0] },
          latent: new Array(10).fill(0),
        }),
        "application/json",
        400,
        /not both/,
      ],
    ];
    for (const [path, body, type, status, message] of cases) {
      const res = await post(app, path, body, type);
      const text = await res.text();
      assertEquals(res.status, status, `${path} ${type}: ${text}`);
      ok(message.test(JSON.parse(text).error), `${path}: ${text}`);
    }
  });
});
