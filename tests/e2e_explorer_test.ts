import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode as decodePng } from "fast-png";
import type { Page } from "playwright-core";
import { browserTest, launchBrowser, startSite } from "./e2e_support.ts";
import { scoreMuddle, SUCCESS } from "../lib/muddle/mod.ts";
import type { MuddleAnswer } from "../components/explorer/muddle_answer.ts";

/** Screen position (page coordinates) of a point the map canvas reports in a data attribute. */
async function mapPoint(page: Page, attr: string, index = 0): Promise<[number, number]> {
  const canvas = page.locator("canvas.map-canvas");
  const box = (await canvas.boundingBox())!;
  const value = (await canvas.getAttribute(`data-${attr}`)) ?? "";
  const [x, y] = value.split(";")[index].split(",").map(Number);
  assert(Number.isFinite(x) && Number.isFinite(y), `data-${attr} is "${value}"`);
  return [box.x + x, box.y + y];
}

/** The current digit canvas as a data URL: changes when its pixels do. */
const currentDigit = (page: Page) =>
  page.locator('[data-testid="current-digit"]').evaluate((c) =>
    (c as HTMLCanvasElement).toDataURL()
  );

const tFromUrl = (page: Page) => Number(new URL(page.url()).searchParams.get("t"));

/** The map's view in raw map units: centre x, y and CSS pixels per unit (data-view). */
async function mapView(page: Page): Promise<number[]> {
  const value = await page.locator("canvas.map-canvas").getAttribute("data-view");
  return (value ?? "").split(",").map(Number);
}

/** The URL's view `c` (centre x, y in raw map units, zoom), or null. */
const cFromUrl = (page: Page): number[] | null => {
  const c = new URL(page.url()).searchParams.get("c");
  return c ? c.split(",").map(Number) : null;
};

/** Waits until the URL's `c` differs from `before`, and returns it. */
async function cChanged(page: Page, before: number[] | null): Promise<number[]> {
  await page.waitForFunction(
    (b) => (new URLSearchParams(location.search).get("c") ?? "") !== b,
    before ? before.join(",") : "",
  );
  return cFromUrl(page)!;
}

Deno.test({
  name: "explorer: click two centroids, drag the handle, use the keys, export a PNG",
  ...browserTest(),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const site = await startSite();
    const browser = await launchBrowser();
    const errors: string[] = [];
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${site.url}/`);
      await page.waitForSelector("[data-island][data-hydrated]");
      await page.waitForFunction(() =>
        document.querySelector("canvas.map-canvas")?.getAttribute("data-centroids")
      );
      await page.waitForFunction(() => !document.querySelector(".map-status"));

      // Two centroids: the path appears, with a strip of 16 decoded digits and the judge chart.
      await page.mouse.click(...await mapPoint(page, "centroids", 3));
      await page.mouse.click(...await mapPoint(page, "centroids", 8));
      await page.waitForFunction(() =>
        location.search.includes("a=c3") && location.search.includes("b=c8")
      );
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      await page.waitForSelector(".prob-chart path.p-a[d]");
      assertEquals(tFromUrl(page), 0.5);
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="live"]')?.textContent?.startsWith("t = 0.50")
      );
      const atHalf = await currentDigit(page);

      // Drag the handle along the drawn path to its step at t = 0.8 (data-path holds the
      // 61 placed steps): t and the decoded digit follow.
      const [hx, hy] = await mapPoint(page, "handle");
      const [px, py] = await mapPoint(page, "path", 48);
      await page.mouse.move(hx, hy);
      await page.mouse.down();
      for (let i = 1; i <= 5; i++) {
        await page.mouse.move(hx + (px - hx) * i / 5, hy + (py - hy) * i / 5);
      }
      await page.mouse.up();
      await page.waitForFunction(() => Number(new URLSearchParams(location.search).get("t")) > 0.7);
      const dragged = tFromUrl(page);
      assert(dragged > 0.75 && dragged < 0.85, `t after the drag is ${dragged}`);
      await page.waitForFunction((before) => {
        const c = document.querySelector('[data-testid="current-digit"]') as HTMLCanvasElement;
        return c.toDataURL() !== before;
      }, atHalf);

      // Arrow keys on the focused map step the handle by 0.01 (to the next hundredth
      // first); the live region reads it out.
      await page.locator("canvas.map-canvas").focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
      const expected = ((Math.ceil(dragged * 100 - 1e-6) - 5) / 100).toFixed(2);
      await page.waitForFunction(
        (t) => document.querySelector('[data-testid="live"]')?.textContent?.startsWith(`t = ${t}`),
        expected,
      );
      await page.waitForFunction(
        (t) => new URLSearchParams(location.search).get("t")?.startsWith(t),
        expected,
      );
      const live = await page.locator('[data-testid="live"]').textContent();
      assert(/Judge: 3 at \d+%, 8 at \d+%/.test(live ?? ""), `live region says "${live}"`);

      // W A S D pan the focused map through d3-zoom and leave t alone; the URL keeps the view
      // in raw map units (c = centre x, y and zoom). D looks right: the centre's x grows and
      // the points and handle move left on screen.
      const [x0, y0, ppu] = await mapView(page);
      const handleBefore = await mapPoint(page, "handle");
      const cBefore = cFromUrl(page);
      await page.keyboard.press("d");
      const cRight = await cChanged(page, cBefore);
      assertEquals(cRight[2], 1);
      assert((cRight[0] - x0) * ppu > 50, `pan right: centre ${x0},${y0} -> ${cRight}`);
      assert(Math.abs(cRight[1] - y0) * ppu < 1, `pan right kept y: ${cRight}`);
      const handleAfter = await mapPoint(page, "handle");
      assert(handleAfter[0] < handleBefore[0] - 50, "the handle moved left on screen");
      assertEquals(new URL(page.url()).searchParams.get("t"), `${expected}0`);
      // Shift+W looks up by a bigger step: the centre's y (up on the map) grows.
      await page.keyboard.press("Shift+W");
      const cUp = await cChanged(page, cRight);
      assert((cUp[1] - cRight[1]) * ppu > 100, `pan up: ${cRight} -> ${cUp}`);
      assert(Math.abs(cUp[0] - cRight[0]) * ppu < 1);
      // The toolbar's pan buttons do the same with a mouse or from the keyboard.
      await page.click('button[aria-label="Pan down"]');
      const cDown = await cChanged(page, cUp);
      assert((cUp[1] - cDown[1]) * ppu > 50, `pan down: ${cUp} -> ${cDown}`);
      await page.locator('button[aria-label="Pan left"]').focus();
      await page.keyboard.press("Enter");
      const cLeft = await cChanged(page, cDown);
      assert(Math.abs(cLeft[0] - x0) * ppu <= 1, `back left: c is ${cLeft}, started at ${x0}`);
      assertEquals(tFromUrl(page).toFixed(2), expected);

      // Export the chosen digit as a PNG: 280 x 280, grey.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click('[data-testid="export-png"]'),
      ]);
      assert(
        /^muddle-c3-c8-t0\.\d\d\.png$/.test(download.suggestedFilename()),
        download.suggestedFilename(),
      );
      const png = decodePng(await Deno.readFile((await download.path())!));
      assertEquals([png.width, png.height], [280, 280]);

      // The URL restores the view: reload and find the same ends and t.
      const url = page.url();
      await page.goto(url);
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      assertEquals(await page.locator('[data-testid="t-value"]').textContent(), expected);
      assertEquals(errors, []);
    } finally {
      await browser.close();
      await site.close();
    }
  },
});

Deno.test({
  name:
    "explorer: keyboard-only ends, projection switch, hover tooltip, GIF, Muddle me, training page",
  ...browserTest(),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const site = await startSite();
    const browser = await launchBrowser();
    const errors: string[] = [];
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      page.on("pageerror", (e) => errors.push(e.message));
      // perf=1 makes the page report the bytes its kernels hold (data-tensors): growth is a leak.
      await page.goto(`${site.url}/?perf=1`);
      await page.waitForSelector("[data-island][data-hydrated]");
      await page.waitForFunction(() => !document.querySelector(".map-status"));
      await page.waitForSelector(".explorer[data-tensors]");
      const tensors = () => page.locator(".explorer").getAttribute("data-tensors");
      const tensorsAtStart = await tensors();

      // Without a mouse: the toolbar is one Tab stop (roving tabindex) whose arrow keys move
      // along it; the legend buttons set the ends.
      await page.locator(".legend li:nth-child(2) button").focus();
      await page.keyboard.press("Enter");
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
      assertEquals(await page.evaluate(() => document.activeElement?.textContent), "6");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() =>
        location.search.includes("a=c1") && location.search.includes("b=c6")
      );
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      assertEquals(
        await page.locator(".toolbar button[tabindex='0']").count(),
        1,
        "one Tab stop in the toolbar",
      );
      await page.keyboard.press("Tab");
      assertEquals(await page.evaluate(() => document.activeElement?.className), "map-canvas");

      // PCA <-> UMAP: the centroids move and the URL records the projection.
      const before = await page.locator("canvas.map-canvas").getAttribute("data-centroids");
      await page.click('button:has-text("PCA")');
      await page.waitForFunction(() => location.search.includes("proj=pca"));
      await page.waitForTimeout(900);
      const after = await page.locator("canvas.map-canvas").getAttribute("data-centroids");
      assert(before !== after, "centroids moved with the projection");

      // Hover near a centroid until a point is under the pointer: real image and reconstruction.
      const [cx, cy] = await mapPoint(page, "centroids", 4);
      let shown = false;
      for (let r = 0; r < 60 && !shown; r += 3) {
        for (let a = 0; a < 8 && !shown; a++) {
          await page.mouse.move(
            cx + r * Math.cos(a * Math.PI / 4),
            cy + r * Math.sin(a * Math.PI / 4),
          );
          shown = await page.locator(".tooltip").count() > 0;
        }
      }
      assert(shown, "a tooltip appeared near centroid 4");
      await page.waitForFunction(() => {
        const canvases = [...document.querySelectorAll(".tooltip canvas")] as HTMLCanvasElement[];
        return canvases.length === 2 &&
          canvases.every((c) =>
            c.getContext("2d")!.getImageData(0, 0, 28, 28).data.some((v, i) =>
              i % 4 === 0 && v > 100
            )
          );
      });

      // The sweep as an animated GIF.
      const [gif] = await Promise.all([
        page.waitForEvent("download"),
        page.click('[data-testid="export-gif"]'),
      ]);
      assertEquals(gif.suggestedFilename(), "muddle-c1-c6.gif");
      const bytes = await Deno.readFile((await gif.path())!);
      assertEquals(new TextDecoder().decode(bytes.subarray(0, 6)), "GIF89a");

      // Decoding along the way left nothing behind.
      await page.keyboard.press("Home");
      await page.waitForTimeout(200);
      assertEquals(await tensors(), tensorsAtStart);

      // Muddle me: the recipe's input, partner and output, then explore that path.
      const answered: Promise<MuddleAnswer>[] = [];
      page.on("response", (res) => {
        if (new URL(res.url()).pathname === "/api/muddle") answered.push(res.json());
      });
      await page.selectOption(".muddle-panel select", "4");
      await page.click('.muddle-panel button:has-text("Muddle me")');
      await page.waitForSelector('[data-testid="muddle-result"] .methods li:nth-child(3)');
      // Each row's verdict is the engine's success rule applied to the judge's answer.
      const rule = await page.locator("#muddle-rule").textContent();
      assert(
        rule?.includes(
          `at least ${SUCCESS.minEach * 100}%, the pair at least ${
            SUCCESS.minPair * 100
          }%, and no digit more than ${SUCCESS.maxProbability * 100}%`,
        ),
        `${rule}`,
      );
      const byMethod = new Map((await Promise.all(answered)).map((a) => [a.method, a]));
      const rows = await page.locator(".methods li").evaluateAll((items) =>
        items.map((li) => li.textContent ?? "")
      );
      for (const [i, method] of ["avg", "farthest", "boundary"].entries()) {
        const answer = byMethod.get(method)!;
        const { success } = scoreMuddle(
          answer.judge.probabilities,
          answer.digit,
          answer.partner,
        );
        assert(
          rows[i].includes(success ? "· success" : "· not a success"),
          `${method}: ${rows[i]} for ${answer.judge.probabilities}`,
        );
      }
      await page.click('.methods li:nth-child(1) button:has-text("Explore")');
      // The three Explore buttons have names of their own.
      const names = await page.locator(".methods button").evaluateAll((buttons) =>
        buttons.map((b) => b.getAttribute("aria-label"))
      );
      assertEquals(new Set(names).size, 3, `${names}`);
      await page.waitForFunction(() => /a=i\d+&b=i\d+&t=0\.500/.test(location.search));

      // The training page draws its loss chart.
      await page.goto(`${site.url}/training`);
      await page.waitForSelector("[data-island][data-hydrated] .loss-chart svg path");
      assertEquals(await page.locator(".pairs li").count(), 20);
      assertEquals(errors, []);
    } finally {
      await browser.close();
      await site.close();
    }
  },
});
