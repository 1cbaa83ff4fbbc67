/**
 * The explorer against the shipped model in real Chromium: the handle lies
 * where its digit's real neighbours lie, the map keeps its aspect, no click
 * loses the path, Back undoes a new path, and bad links recover with a note.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { Page } from "playwright-core";
import { browserTest, launchBrowser, startSite } from "./e2e_support.ts";

const MODEL_DIR = new URL("../static/model", import.meta.url).pathname;

const floats = (name: string) => {
  const bytes = Deno.readFileSync(`${MODEL_DIR}/${name}`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

/** Mean raw UMAP position of the `k` test latents nearest `latent` (the reference answer). */
function neighbourMean(latents: Float32Array, umap: Float32Array, latent: number[], k = 15) {
  const dim = latent.length;
  const n = latents.length / dim;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (latent[j] - latents[i * dim + j]) ** 2;
    d[i] = s;
  }
  const nearest = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a] - d[b]).slice(0, k);
  return [0, 1].map((axis) => nearest.reduce((s, i) => s + umap[2 * i + axis], 0) / k);
}

/** The handle in raw map units, from its screen position and the map's data-view. */
async function handleInData(page: Page): Promise<[number, number]> {
  const canvas = page.locator("canvas.map-canvas");
  const box = (await canvas.boundingBox())!;
  const [hx, hy] = ((await canvas.getAttribute("data-handle")) ?? "").split(",").map(Number);
  const [x, y, ppu] = ((await canvas.getAttribute("data-view")) ?? "").split(",").map(Number);
  assert([hx, hy, x, y, ppu].every(Number.isFinite), "the map reports its handle and view");
  return [x + (hx - box.width / 2) / ppu, y - (hy - box.height / 2) / ppu];
}

/** Moves the slider to t and waits until the map has drawn the handle there. */
async function setT(page: Page, t: number) {
  const before = await page.locator("canvas.map-canvas").getAttribute("data-handle");
  await page.locator('input[type="range"]').evaluate((input, value) => {
    (input as HTMLInputElement).value = String(value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, t);
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="t-value"]')?.textContent === t.toFixed(2),
    t,
  );
  // Two frames: the redraw is scheduled for the next one.
  await page.evaluate(() =>
    new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
  );
  return before;
}

const ready = async (page: Page) => {
  await page.waitForSelector("[data-island][data-hydrated]");
  await page.waitForFunction(() => !document.querySelector(".map-status"));
  await page.waitForFunction(() =>
    document.querySelector("canvas.map-canvas")?.getAttribute("data-centroids")
  );
};

Deno.test({
  name: "explorer (shipped model): truthful map, kept aspect, no lost work, recovering links",
  ...browserTest(),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(ctx) {
    // One site and browser for every step: building and loading the model is the slow part.
    const site = await startSite(MODEL_DIR);
    const browser = await launchBrowser();
    try {
      await ctx.step("the handle sits among its digit's nearest real latents", async () => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        const latents = floats("test_latents.bin");
        const umap = floats("test_umap.bin");
        const { centroids } = JSON.parse(Deno.readTextFileSync(`${MODEL_DIR}/centroids.json`));
        const ts = Array.from({ length: 21 }, (_, i) => i / 20);
        for (const [from, to] of [[1, 0], [7, 2]]) {
          await page.goto(`${site.url}/?a=c${from}&b=c${to}&t=0`);
          await ready(page);
          await page.waitForFunction(() =>
            document.querySelector("canvas.map-canvas")?.getAttribute("data-handle")
          );
          const api = await (await fetch(`${site.url}/api/path`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ from: { digit: from }, to: { digit: to }, steps: 21 }),
          })).json();
          const distances: number[] = [];
          let apiGap = 0;
          for (const [s, t] of ts.entries()) {
            await setT(page, t);
            const [x, y] = await handleInData(page);
            const latent = centroids[from].map((v: number, j: number) =>
              v + t * (centroids[to][j] - v)
            );
            const [mx, my] = neighbourMean(latents, umap, latent);
            distances.push(Math.hypot(x - mx, y - my));
            const [ax, ay] = api.positions.umap[s];
            apiGap = Math.max(apiGap, Math.hypot(x - ax, y - ay));
          }
          const sorted = distances.slice().sort((p, q) => p - q);
          const median = sorted[Math.floor(sorted.length / 2)];
          const worst = sorted[sorted.length - 1];
          console.log(
            `${from}->${to}: handle to the mean of its 15 nearest real latents, UMAP units: ` +
              `median ${median.toFixed(2)}, worst ${worst.toFixed(2)}; page vs /api/path ${
                apiGap.toFixed(3)
              }`,
          );
          assert(median <= 0.75, `${from}->${to}: median ${median}`);
          assert(worst <= 4, `${from}->${to}: worst ${worst}`);
          // The page and the API place the path alike (to a screen pixel's worth of rounding).
          assert(apiGap < 0.1, `${from}->${to}: page and API differ by ${apiGap}`);
          if (from === 1) {
            // At 1 -> 0's most split point on the shipped model a third digit reads first: the
            // chart says that neither end wins there, and draws and labels that digit too.
            await page.click('button:has-text("Jump to most split")');
            const labels = await page.locator(".prob-chart text.label").allTextContents();
            const neither = await page.locator('[data-testid="neither"]').textContent();
            const third = /reads (\d) most/.exec(neither ?? "")?.[1];
            assert(third && third !== "1" && third !== "0", neither ?? "no note");
            assert(["1", "0", third].every((d) => labels.includes(d)), `labels ${labels}`);
          }
        }
        assertEquals(errors, []);
      });
      await ctx.step("the map keeps its aspect at 1400x900, 1400x500 and 700x900", async () => {
        const ratios: number[] = [];
        for (const [width, height] of [[1400, 900], [1400, 500], [700, 900]]) {
          const page = await browser.newPage({ viewport: { width, height } });
          await page.goto(`${site.url}/`);
          await ready(page);
          const text = await page.locator("canvas.map-canvas").getAttribute("data-centroids");
          const c = text!.split(";").map((p) => p.split(",").map(Number));
          const dist = (i: number, j: number) => Math.hypot(c[i][0] - c[j][0], c[i][1] - c[j][1]);
          // A wide pair over a tall one: stretching either axis alone would change it.
          ratios.push(dist(0, 1) / dist(2, 7));
          await page.close();
        }
        console.log(`centroid distance ratio per window: ${ratios.map((r) => r.toFixed(3))}`);
        for (const r of ratios) assert(Math.abs(r / ratios[0] - 1) < 0.03, `ratios ${ratios}`);
      });
      await ctx.step("a map click keeps the path, Set as B pushes, Back restores", async () => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(`${site.url}/?a=c3&b=c8&t=0.3`);
        await ready(page);
        await page.waitForSelector(".strip li:nth-child(16) canvas");
        const query = () => new URL(page.url()).search;
        const opened = query();
        // A click that focuses the map, on centroid 5, changes nothing: it only offers the point.
        const canvas = page.locator("canvas.map-canvas");
        const box = (await canvas.boundingBox())!;
        const c = (await canvas.getAttribute("data-centroids"))!.split(";")[5].split(",").map(
          Number,
        );
        await page.mouse.click(box.x + c[0], box.y + c[1]);
        await page.waitForSelector('[data-testid="chooser"]');
        await page.waitForTimeout(300);
        assertEquals(query(), opened);
        assert(await canvas.evaluate((el) => document.activeElement === el), "the map has focus");
        // Setting B explicitly makes a new path with its own history entry.
        await page.click('[data-testid="chooser"] button:has-text("Set as B")');
        await page.waitForFunction(() => location.search.includes("b=c5"));
        assert(query().includes("a=c3"), query());
        await page.waitForSelector(".strip li:nth-child(16) canvas");
        // Back brings the old path back, t included; Forward the new one.
        await page.goBack();
        await page.waitForFunction(() => location.search.includes("b=c8"));
        await page.waitForFunction(() =>
          document.querySelector('[data-testid="t-value"]')?.textContent === "0.30"
        );
        assertEquals(await page.locator(".end select").nth(1).inputValue(), "c8");
        await page.goForward();
        await page.waitForFunction(() => location.search.includes("b=c5"));
        assertEquals(await page.locator(".end select").nth(1).inputValue(), "c5");
      });
      await ctx.step("bad links open a working view with a visible note", async () => {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const notes = () => page.locator('[data-testid="link-notes"]').textContent();
        // A training image without set=all: the map shows all points and the path decodes.
        await page.goto(`${site.url}/?a=i65000&b=c9`);
        await ready(page);
        await page.waitForSelector(".strip li:nth-child(16) canvas", { timeout: 20000 });
        assert(/training image/.test((await notes()) ?? ""), await notes() ?? "");
        assert(new URL(page.url()).searchParams.get("set") === "all");
        // A path from a point to itself: B is dropped, with a note, and the map asks for B.
        await page.goto(`${site.url}/?a=c3&b=c3`);
        await ready(page);
        assert(/same point/.test((await notes()) ?? ""));
        await page.waitForSelector(".map-hint:has-text('other end')");
        // Out-of-range and unreadable values: a note for each, and the nearest working view.
        await page.goto(`${site.url}/?a=c1&b=c7&t=5&proj=tsne&c=0,0,999`);
        await ready(page);
        await page.waitForSelector(".strip li:nth-child(16) canvas");
        const text = (await notes()) ?? "";
        assert(/t=5/.test(text) && /tsne/.test(text) && /zoom/.test(text), text);
        assertEquals(await page.locator('[data-testid="t-value"]').textContent(), "1.00");
        // The note goes away when dismissed.
        await page.click('button[aria-label="Dismiss the notes"]');
        assertEquals(await page.locator('[data-testid="link-notes"]').count(), 0);
        // An old link's pixel zoom (z=k,x,y) still opens, and is restated in raw map units.
        await page.goto(`${site.url}/?a=c1&b=c7&t=0.25&z=2,-300,-100`);
        await ready(page);
        await page.waitForFunction(() => new URLSearchParams(location.search).get("c"));
        const c = new URL(page.url()).searchParams.get("c")!.split(",").map(Number);
        assertEquals(c[2], 2);
        assertEquals(new URL(page.url()).searchParams.get("z"), null);
        assertEquals(await page.locator('[data-testid="link-notes"]').count(), 0);
        assertEquals(await page.locator('[data-testid="t-value"]').textContent(), "0.25");
        // A centre far off the map is held to what panning may reach: the map stays in view.
        await page.goto(`${site.url}/?a=c1&b=c7&c=5000,-5000,2`);
        await ready(page);
        await page.waitForFunction(() =>
          document.querySelector("canvas.map-canvas")?.getAttribute("data-view")
        );
        await page.waitForTimeout(300);
        const box = (await page.locator("canvas.map-canvas").boundingBox())!;
        const shown = (await page.locator("canvas.map-canvas").getAttribute("data-centroids"))!
          .split(";").map((p) => p.split(",").map(Number))
          .filter(([x, y]) => x >= 0 && y >= 0 && x <= box.width && y <= box.height);
        assert(shown.length > 0, "some centroids are on screen");
      });
      await ctx.step(
        "Muddle me: one partner for every row, a typed seed kept in the URL",
        async () => {
          const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
          // A link with a seed shows its muddle again.
          await page.goto(`${site.url}/?muddle=3&seed=1234`);
          await ready(page);
          await page.waitForSelector('[data-testid="muddle-result"] .methods li:nth-child(3)');
          assertEquals(await page.locator(".muddle-panel input").inputValue(), "1234");
          const rows = async () =>
            await page.locator(".methods li").evaluateAll((items) =>
              items.map((li) => li.querySelector("small:last-of-type")?.textContent ?? "")
            );
          // Every row reads the same pair of digits (the recipe's partner is shared).
          const pairs = (await rows()).map((text) => text.match(/(\d): \d+% · (\d):/)?.slice(1, 3));
          assert(pairs.every((p) => p && p[0] === "3" && p[1] === pairs[0]![1]), `${pairs}`);
          // One partner digit for every row; rows that start from other images say so in words.
          const used = await page.locator(".methods li").evaluateAll((items) =>
            items.map((li) => [li.dataset.from, li.dataset.to, li.dataset.partner].join(","))
          );
          assertEquals(new Set(used.map((u) => u.split(",")[2])).size, 1, `${used}`);
          const differ = used.some((u) =>
            u.split(",").slice(0, 2).join() !== used[0].split(",").slice(0, 2).join()
          );
          const note = await page.locator('[data-testid="muddle-differs"]').count();
          assertEquals(note, differ ? 1 : 0, `rows ${used}`);
          if (differ) {
            const text = await page.locator('[data-testid="muddle-differs"]').textContent();
            assert(/starts from its own images/.test(text ?? ""), text ?? "");
          }
          // Type a seed: the URL records it, and the same seed gives the same muddles.
          await page.fill(".muddle-panel input", "77");
          await page.click('.muddle-panel button:has-text("Muddle me")');
          await page.waitForFunction(() => location.search.includes("seed=77"));
          await page.waitForFunction(() =>
            !document.querySelector(".muddle-panel button.primary")?.hasAttribute("disabled")
          );
          const first = await rows();
          await page.click('.muddle-panel button:has-text("Muddle me")');
          await page.waitForTimeout(500);
          await page.waitForFunction(() =>
            !document.querySelector(".muddle-panel button.primary")?.hasAttribute("disabled")
          );
          assertEquals(await rows(), first);
          // A bad seed is refused with a message, not a request.
          await page.fill(".muddle-panel input", "-5");
          await page.click('.muddle-panel button:has-text("Muddle me")');
          await page.waitForSelector('.muddle-panel .error:has-text("whole number")');
          await page.close();
        },
      );
    } finally {
      await browser.close();
      await site.close();
    }
  },
});
