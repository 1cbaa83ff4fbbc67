import * as tf from "@tensorflow/tfjs";
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode as decodePng } from "fast-png";
import { createFixtureApp, postJson } from "./api_support.ts";

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers });

/** Runs `body` against a fresh fixture app and checks that no tensor outlives it. */
async function withApp(body: (fx: ReturnType<typeof createFixtureApp>) => Promise<void>) {
  const fx = createFixtureApp();
  try {
    // Warm the models once so lazily built weights do not count as leaks.
    await fx.app.fetch(postJson("/api/decode", { latent: Array(10).fill(0) }));
    const before = tf.memory().numTensors;
    await body(fx);
    assertEquals(tf.memory().numTensors, before, "tensors leaked by the requests");
  } finally {
    fx.dispose();
  }
}

async function expectError(res: Response, status: number, mention: RegExp) {
  assertEquals(res.status, status);
  assert(res.headers.get("content-type")?.includes("application/json"));
  const body = await res.json();
  assert(typeof body.error === "string" && mention.test(body.error), `error was: ${body.error}`);
}

Deno.test("GET /api/health reports the model and the tensor count", async () => {
  await withApp(async ({ app }) => {
    const res = await app.fetch(get("/api/health"));
    assertEquals(res.status, 200);
    const body = await res.json();
    assertEquals(body.status, "ok");
    assertEquals(body.model.latentSize, 10);
    assert(Number.isInteger(body.tensors));
  });
});

Deno.test("POST /api/decode returns the decoder's 784 values for a latent", async () => {
  await withApp(async ({ app, model }) => {
    const latent = Array.from(model.centroids[3]);
    const res = await app.fetch(postJson("/api/decode", { latent }));
    assertEquals(res.status, 200);
    const body = await res.json();
    assertEquals(body.side, 28);
    assertEquals(body.image.length, 784);
    const expected = model.engine.decode(Float32Array.from(latent));
    body.image.forEach((v: number, i: number) => assert(Math.abs(v - expected[i]) < 1e-4));
    assert(body.image.some((v: number) => v > 0.5), "the centroid of 3 decodes to some ink");
  });
});

Deno.test("POST /api/decode answers a PNG when the client accepts image/png", async () => {
  await withApp(async ({ app, model }) => {
    const latent = Array.from(model.centroids[5]);
    const res = await app.fetch(
      postJson("/api/decode?scale=2", { latent }, { accept: "image/png" }),
    );
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "image/png");
    const png = decodePng(new Uint8Array(await res.arrayBuffer()));
    assertEquals([png.width, png.height, png.channels], [56, 56, 1]);
    const expected = model.engine.decode(Float32Array.from(latent));
    const pixel = (x: number, y: number) => png.data[y * 56 + x];
    assertEquals(pixel(20, 11), Math.round(expected[5 * 28 + 10] * 255));
  });
});

Deno.test("POST /api/decode rejects bad latents, types and sizes with a JSON 4xx", async () => {
  await withApp(async ({ app }) => {
    await expectError(
      await app.fetch(postJson("/api/decode", { latent: [1, 2, 3] })),
      400,
      /10 numbers/,
    );
    await expectError(
      await app.fetch(postJson("/api/decode", '{"latent":[1,2,3,4,5,6,7,8,9,"x"]}')),
      400,
      /latent\[9\]/,
    );
    await expectError(await app.fetch(postJson("/api/decode", "{nope")), 400, /JSON/);
    await expectError(
      await app.fetch(postJson("/api/decode", { latent: Array(10).fill(1e9) })),
      400,
      /within/,
    );
    await expectError(await app.fetch(postJson("/api/decode", {})), 400, /latent is required/);
    await expectError(
      await app.fetch(postJson("/api/decode", { latent: Array(10).fill(0), extra: 1 })),
      400,
      /unknown field/,
    );
    await expectError(
      await app.fetch(
        postJson("/api/decode", { latent: Array(10).fill(0) }, { "content-type": "text/plain" }),
      ),
      415,
      /application\/json/,
    );
    const huge = JSON.stringify({ latent: Array(10).fill(0), pad: "x".repeat(40_000) });
    await expectError(await app.fetch(postJson("/api/decode", huge)), 413, /larger than/);
    const wrongMethod = await app.fetch(get("/api/decode"));
    assertEquals(wrongMethod.status, 405);
    assertEquals(wrongMethod.headers.get("allow"), "POST");
  });
});

Deno.test("GET /api/muddle returns a deterministic muddled digit for a seed", async () => {
  await withApp(async ({ app }) => {
    const first = await (await app.fetch(get("/api/muddle?digit=4&method=boundary&seed=1"))).json();
    const again = await (await app.fetch(get("/api/muddle?digit=4&method=boundary&seed=1"))).json();
    assertEquals(first, again);
    assertEquals([first.method, first.digit, first.seed], ["boundary", 4, 1]);
    assert(first.partner !== 4 && first.partner >= 0 && first.partner <= 9);
    assertEquals(first.image.length, 784);
    assertEquals(first.judge.probabilities.length, 10);
    assert(first.t >= 0 && first.t <= 1);
    const avg = await (await app.fetch(get("/api/muddle?digit=2&partner=7&method=avg&seed=3")))
      .json();
    assertEquals([avg.digit, avg.partner, avg.t], [2, 7, 0.5]);
  });
});

Deno.test("GET /api/muddle rejects bad digits, methods and parameters", async () => {
  await withApp(async ({ app }) => {
    await expectError(
      await app.fetch(get("/api/muddle?digit=12")),
      400,
      /digit must be an integer from 0 to 9/,
    );
    await expectError(await app.fetch(get("/api/muddle")), 400, /digit/);
    await expectError(
      await app.fetch(get("/api/muddle?digit=1&method=magic")),
      400,
      /avg, farthest, boundary/,
    );
    await expectError(await app.fetch(get("/api/muddle?digit=1&seed=-4")), 400, /seed/);
    await expectError(await app.fetch(get("/api/muddle?digit=1&partner=1")), 400, /differ/);
    await expectError(
      await app.fetch(get("/api/muddle?digit=1&colour=red")),
      400,
      /unknown parameter/,
    );
  });
});

Deno.test("GET /api/muddle?from=I muddles that test image, and refuses bad indices", async () => {
  await withApp(async ({ app }) => {
    const res = await app.fetch(get("/api/muddle?from=123&method=boundary&seed=2"));
    assertEquals(res.status, 200);
    const body = await res.json();
    assertEquals([body.from.index, body.digit], [123, body.from.digit]);
    const withPartner =
      await (await app.fetch(get(`/api/muddle?from=123&partner=${(body.digit + 1) % 10}`))).json();
    assertEquals([withPartner.from.index, withPartner.partner], [123, (body.digit + 1) % 10]);
    for (const value of ["-1", "200", "1.5", "x", ""]) {
      await expectError(
        await app.fetch(get(`/api/muddle?from=${value}`)),
        400,
        /from must be an integer from 0 to 199/,
      );
    }
    await expectError(await app.fetch(get("/api/muddle?from=3&digit=4")), 400, /not both/);
  });
});

Deno.test("POST /api/path sweeps from a centroid to a test image", async () => {
  await withApp(async ({ app, model }) => {
    const res = await app.fetch(
      postJson("/api/path", { from: { digit: 3 }, to: { index: 7 }, steps: 16 }),
    );
    assertEquals(res.status, 200);
    const body = await res.json();
    assertEquals(body.steps, 16);
    assertEquals(body.t.length, 16);
    assertEquals([body.t[0], body.t[15]], [0, 1]);
    assertEquals(body.images.length, 16);
    assertEquals(body.probabilities.length, 16);
    assertEquals(body.from.digit, 3);
    assertEquals(body.to, { index: 7, digit: model.testLabels[7], latent: body.to.latent });
    for (const row of body.probabilities) {
      const sum = row.reduce((s: number, v: number) => s + v, 0);
      assert(Math.abs(sum - 1) < 1e-3, `probabilities sum to ${sum}`);
    }
    const start = model.engine.decode(Float32Array.from(model.centroids[3]));
    body.images[0].forEach((v: number, i: number) => assert(Math.abs(v - start[i]) < 1e-4));
  });
});

Deno.test("POST /api/path marks F (nearer end farthest) and S (judges most split) as the explorer does", async () => {
  await withApp(async ({ app, model }) => {
    const post = async (from: unknown, to: unknown) =>
      await (await app.fetch(postJson("/api/path", { from, to, steps: 16 }))).json();
    const body = await post({ digit: 3 }, { digit: 8 });
    const { farthest, split } = body.marks;
    // The fixture judges split halfway between two digits' bars, and the middle differs most.
    assert(split > 0 && split < 15, `S at step ${split}`);
    const splitScore = (s: number) => Math.min(body.probabilities[s][3], body.probabilities[s][8]);
    const best = Math.max(...body.probabilities.map((_: number[], s: number) => splitScore(s)));
    assert(
      splitScore(split) >= best - 1e-3,
      `S scores ${splitScore(split)}, the best step ${best}`,
    );
    const mse = (s: number, e: number) =>
      body.images[s].reduce(
        (sum: number, v: number, i: number) => sum + (v - body.images[e][i]) ** 2,
        0,
      );
    const nearer = (s: number) => Math.min(mse(s, 0), mse(s, 15));
    const farthestScore = Math.max(...body.images.map((_: number[], s: number) => nearer(s)));
    assert(nearer(farthest) >= farthestScore - 1e-3, `F at step ${farthest}`);
    assert(farthest > 0 && farthest < 15, `F at step ${farthest}`);

    // No pair of digits to be split between: S is null, F stays.
    const same = model.testLabels.findIndex((label) => label === 3);
    const sameDigit = await post({ digit: 3 }, { index: same });
    assertEquals(sameDigit.marks.split, null);
    assertEquals(typeof sameDigit.marks.farthest, "number");
    const raw = await post({ latent: Array(10).fill(0) }, { digit: 8 });
    assertEquals(raw.marks.split, null);
  });
});

Deno.test("POST /api/path rejects malformed endpoints and step counts", async () => {
  await withApp(async ({ app, model }) => {
    const ok = { from: { digit: 1 }, to: { digit: 2 } };
    await expectError(await app.fetch(postJson("/api/path", { ...ok, steps: 1000 })), 400, /steps/);
    await expectError(await app.fetch(postJson("/api/path", { ...ok, steps: 2.5 })), 400, /steps/);
    await expectError(
      await app.fetch(postJson("/api/path", { from: { digit: 1, index: 3 }, to: { digit: 2 } })),
      400,
      /exactly one/,
    );
    await expectError(
      await app.fetch(
        postJson("/api/path", { from: { index: model.testCount }, to: { digit: 2 } }),
      ),
      400,
      /from\.index/,
    );
    await expectError(
      await app.fetch(postJson("/api/path", { from: { digit: 1 } })),
      400,
      /to is required/,
    );
    await expectError(await app.fetch(postJson("/api/path", [1, 2])), 400, /JSON object/);
  });
});

Deno.test("pages render with their islands marked for hydration", async () => {
  await withApp(async ({ app, model }) => {
    const home = await app.fetch(get("/?a=c3&b=c8&t=0.25"));
    assertEquals(home.status, 200);
    const html = await home.text();
    assert(html.startsWith("<!doctype html>"));
    const marked = /data-island="Explorer" data-props="([^"]*)"/.exec(html);
    assert(marked, "the explorer island is marked");
    const props = JSON.parse(marked[1].replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    assertEquals(props.query, "?a=c3&b=c8&t=0.25");
    assertEquals(props.centroids.length, 10);
    assert(html.includes('src="/static/build/client.js"'));
    assert(
      html.includes('data-testid="t-value">0.25<'),
      "the view from the URL is rendered on the server",
    );

    const training = await (await app.fetch(get("/training"))).text();
    assert(training.includes('data-island="LossChart"'));
    assert(
      training.includes("data:image/png;base64,"),
      "test images and reconstructions are inlined",
    );
    // The page's images are computed once per server: a second render decodes nothing.
    const decode = model.engine.decode;
    let decodes = 0;
    model.engine.decode = (latents) => {
      decodes++;
      return decode(latents);
    };
    const again = await (await app.fetch(get("/training"))).text();
    model.engine.decode = decode;
    assertEquals([again, decodes], [training, 0]);

    const missing = await app.fetch(get("/no-such-page"));
    assertEquals(missing.status, 404);
    assert((missing.headers.get("content-type") ?? "").startsWith("text/html"));
    await expectError(await app.fetch(get("/api/nothing")), 404, /no such resource/);
  });
});
