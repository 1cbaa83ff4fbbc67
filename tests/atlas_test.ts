/**
 * The confusion atlas end to end on the fixture model directory: `deno task
 * eval --atlas` writes atlas.json and lists it in the manifest, the server
 * checks it at start-up and /atlas shows 90 cells linking to the explorer.
 */
import { deepStrictEqual as assertEquals, ok, rejects } from "node:assert/strict";
import { loadModelArtifacts } from "../lib/artifacts/load_model_artifacts.ts";
import { parseAtlas } from "../lib/artifacts/parse_atlas.ts";
import { loadServerModel } from "../server/model.ts";
import { createSite } from "../server/site.ts";
import { createFixtureApp } from "./api_support.ts";
import { writeFixtureModelDir } from "./support/fixture_model_dir.ts";

const root = new URL("../", import.meta.url);

Deno.test("deno task eval --atlas ships atlas.json with the model and /atlas links each cell to its path", async () => {
  const dir = await Deno.makeTempDir({ prefix: "muddle_atlas_" });
  try {
    await writeFixtureModelDir(dir);
    const run = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "cli/eval.ts",
        "--atlas",
        "--count",
        "2",
        "--model",
        dir,
      ],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(run.stdout);
    assertEquals(run.code, 0, new TextDecoder().decode(run.stderr));
    ok(/Held out: [\d.]+% of 180; in-sample ensemble: [\d.]+%/.test(stdout), stdout);
    const artifacts = await loadModelArtifacts((p) => Deno.readFile(`${dir}/${p}`), {
      verifyAll: true,
    });
    ok(artifacts.manifest.files["atlas.json"].sha256.length === 64);
    Object.values(artifacts.models).forEach((m) => m.dispose());
    const atlas = parseAtlas(await Deno.readFile(`${dir}/atlas.json`));
    assertEquals(atlas.cells.length, 90);
    assertEquals(atlas.count, 2);

    const model = await loadServerModel(dir);
    try {
      const app = createSite({ model, modelDir: dir, buildDir: dir, staticDir: dir });
      const html = await (await app.fetch(new Request("http://localhost/atlas"))).text();
      const links = [
        ...html.matchAll(/href="(\/\?a=i\d+&amp;b=i\d+&amp;t=[\d.]+)" data-pair="(\d)-(\d)"/g),
      ];
      assertEquals(links.length, 90);
      const first = atlas.cells[0];
      ok(links[0][1].includes(`a=i${first.example.from}&amp;b=i${first.example.to}`), links[0][1]);
      ok(html.includes('data-island="Atlas"'));
    } finally {
      model.dispose();
    }
    // A changed atlas.json no longer matches the manifest: the server refuses to start, naming it.
    const bytes = await Deno.readFile(`${dir}/atlas.json`);
    bytes[bytes.length - 2] ^= 1;
    await Deno.writeFile(`${dir}/atlas.json`, bytes);
    await rejects(loadServerModel(dir), /atlas\.json/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("GET /atlas without an atlas says how to make one", async () => {
  const { app, dispose } = createFixtureApp();
  try {
    const res = await app.fetch(new Request("http://localhost/atlas"));
    assertEquals(res.status, 200);
    ok((await res.text()).includes("deno task eval --atlas"));
  } finally {
    dispose();
  }
});

Deno.test("parseAtlas() names atlas.json and what is wrong", () => {
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const fail = (v: unknown, re: RegExp) => {
    try {
      parseAtlas(typeof v === "string" ? new TextEncoder().encode(v) : bytes(v));
    } catch (e) {
      ok(
        /atlas\.json/.test((e as Error).message) && re.test((e as Error).message),
        (e as Error).message,
      );
      return;
    }
    throw new Error("parseAtlas accepted a bad atlas");
  };
  fail("{", /not valid JSON/);
  fail({ formatVersion: 2, cells: [] }, /formatVersion 2, expected 1/);
  fail({ formatVersion: 1, count: 1, cells: [] }, /0 cells, expected 90/);
  const cells = [];
  for (let d = 0; d < 10; d++) {
    for (let p = 0; p < 10; p++) {
      if (p !== d) {
        cells.push({
          digit: d,
          partner: p,
          count: 1,
          successes: 1,
          holdoutSuccesses: 0,
          example: { image: btoa("x".repeat(784)) },
        });
      }
    }
  }
  parseAtlas(bytes({ formatVersion: 1, count: 1, cells }));
  cells[5].successes = 2;
  fail({ formatVersion: 1, count: 1, cells }, /cell 5 is not a valid cell for 0 -> 6/);
});
