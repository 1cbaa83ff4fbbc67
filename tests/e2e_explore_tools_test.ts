/**
 * Browser tests (Debian Chromium) of the exploring tools on the shipped
 * model: drawing a digit, its mark, neighbours and muddling; dropping a PNG;
 * decode anywhere; search by index and neighbour selection; box selection;
 * the atlas opening a path.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { digitToGray, encodeGrayPng } from "../lib/image/mod.ts";
import { browserTest, launchBrowser, type Site, startSite } from "./e2e_support.ts";

const MODEL_DIR = new URL("../static/model", import.meta.url).pathname;

async function openExplorer(page: Page, site: Site, query = "") {
  await page.goto(`${site.url}/${query}`);
  await page.waitForSelector("[data-island][data-hydrated]");
  await page.waitForFunction(() => !document.querySelector(".map-status"));
  // The browser model and the raw map positions have loaded.
  await page.waitForSelector('[data-testid="map-overlay"][data-ready]');
}

/** Test image `index` of the shipped model, 5x larger, dark ink on white, as PNG bytes. */
async function largePng(index: number): Promise<{ bytes: number[]; label: number }> {
  const images = await Deno.readFile(`${MODEL_DIR}/test_images.bin`);
  const labels = await Deno.readFile(`${MODEL_DIR}/test_labels.bin`);
  const digit = Array.from(images.subarray(index * 784, (index + 1) * 784), (v) => 1 - v / 255);
  return { bytes: Array.from(encodeGrayPng(digitToGray(digit, 28, 5))), label: labels[index] };
}

async function withPage(run: (page: Page, site: Site) => Promise<void>) {
  const site = await startSite(MODEL_DIR);
  const browser = await launchBrowser();
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await run(page, site);
    assertEquals(errors, []);
  } finally {
    await browser.close();
    await site.close();
  }
}

const options = { ...browserTest(), sanitizeResources: false, sanitizeOps: false };

Deno.test({
  name: "explore tools: draw a digit, see it on the map with its neighbours, muddle it; drop a PNG",
  ...options,
  async fn() {
    await withPage(async (page, site) => {
      await openExplorer(page, site);
      const canvas = page.getByTestId("draw-canvas");
      const box = (await canvas.boundingBox())!;
      // A "1": one stroke down the middle, then a short stroke, which re-encodes.
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
      await page.mouse.down();
      for (let i = 1; i <= 12; i++) {
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.7 * i / 12));
      }
      await page.mouse.up();
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="drawn-reading"]')?.textContent?.startsWith("Reads as")
      );
      ok((await page.getByTestId("drawn-reading").textContent())!.startsWith("Reads as 1"));
      // The mark sits on the map, inside it.
      const marker = page.getByTestId("drawn-marker");
      await marker.waitFor();
      const [mx, my] = (await marker.getAttribute("data-xy"))!.split(",").map(Number);
      const map = (await page.getByTestId("map-overlay").boundingBox())!;
      ok(mx > 0 && mx < map.width && my > 0 && my < map.height, `marker at ${mx},${my}`);
      // Its 8 nearest test images, and clicking one makes it a path end.
      const neighbors = page.locator('.draw-panel [data-testid="neighbors"] li');
      assertEquals(await neighbors.count(), 8);
      const first = await neighbors.first().locator("button").getAttribute("data-index");
      await neighbors.first().locator("button").click();
      await page.waitForFunction((i) => location.search.includes(`a=i${i}`), first);
      // Muddle this digit: the split point towards the nearest other class, shown in the panel and
      // as a path on the map from the drawn digit (a latent end, in the URL) to that centroid.
      await page.getByTestId("muddle-drawn").click();
      await page.getByTestId("drawn-muddled").waitFor();
      ok(/Towards \d, at t = [\d.]+: the judge reads 1 \d+% and \d \d+%/.test(
        (await page.getByTestId("drawn-muddled").textContent())!,
      ));
      await page.waitForFunction(() => /a=l[-\d.,%C]+&b=c\d/.test(location.search));
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      const start =
        (await page.locator("canvas.map-canvas").getAttribute("data-ends"))!.split(";")[0];
      const [ex, ey] = start.split(",").map(Number);
      ok(Math.hypot(ex - mx, ey - my) < 3, `path starts at ${start}, the mark is at ${mx},${my}`);
      // A reload keeps the path: the latent end is in the URL.
      await page.reload();
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      const again =
        (await page.locator("canvas.map-canvas").getAttribute("data-ends"))!.split(";")[0];
      ok(Math.hypot(Number(again.split(",")[0]) - ex, Number(again.split(",")[1]) - ey) < 3, again);

      // Dropping a PNG of a test digit: it is read as its label.
      const { bytes, label } = await largePng(0);
      await page.evaluate((data) => {
        const file = new File([new Uint8Array(data)], "seven.png", { type: "image/png" });
        const transfer = new DataTransfer();
        transfer.items.add(file);
        document.querySelector(".draw-panel")!.dispatchEvent(
          new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }, bytes);
      await page.waitForFunction(
        (l) =>
          document.querySelector('[data-testid="drawn-reading"]')?.textContent?.startsWith(
            `Reads as ${l}`,
          ),
        label,
      );
      // The file input reads the same.
      const other = await largePng(1);
      await page.getByTestId("draw-file").setInputFiles({
        name: "two.png",
        mimeType: "image/png",
        buffer: Buffer.from(other.bytes),
      });
      await page.waitForFunction(
        (l) =>
          document.querySelector('[data-testid="drawn-reading"]')?.textContent?.startsWith(
            `Reads as ${l}`,
          ),
        other.label,
      );
    });
  },
});

Deno.test({
  name:
    "explore tools: decode anywhere, box and lasso selection, the class filter, search by index, neighbours",
  ...options,
  async fn() {
    await withPage(async (page, site) => {
      await openExplorer(page, site);
      const map = (await page.getByTestId("map-overlay").boundingBox())!;
      // Decode anywhere: a card with the decoded digit and its reading follows the pointer.
      await page.locator('.overlay-modes [data-mode="decode"]').click();
      await page.mouse.move(map.x + map.width * 0.4, map.y + map.height * 0.45);
      await page.mouse.move(map.x + map.width * 0.42, map.y + map.height * 0.47);
      await page.getByTestId("decode-card").waitFor();
      ok(/reads \d \d+%/.test((await page.getByTestId("decode-card").textContent())!));

      // Box selection over the middle of the map: a count, the mean image and its reading.
      await page.locator('.overlay-modes [data-mode="select"]').click();
      await page.mouse.move(map.x + map.width * 0.3, map.y + map.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(map.x + map.width * 0.5, map.y + map.height * 0.5, { steps: 5 });
      await page.mouse.move(map.x + map.width * 0.7, map.y + map.height * 0.7, { steps: 5 });
      await page.mouse.up();
      const selection = page.getByTestId("selection");
      await selection.waitFor();
      ok(Number(await selection.getAttribute("data-count")) > 100);
      ok(/mean reads \d \d+%/.test((await selection.textContent())!));
      // A lasso around the same region: a triangle holds fewer points than the box.
      const boxed = Number(await selection.getAttribute("data-count"));
      await page.locator('.overlay-modes [data-mode="lasso"]').click();
      await page.mouse.move(map.x + map.width * 0.3, map.y + map.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(map.x + map.width * 0.7, map.y + map.height * 0.3, { steps: 6 });
      await page.mouse.move(map.x + map.width * 0.3, map.y + map.height * 0.7, { steps: 6 });
      await page.mouse.up();
      await page.waitForFunction(
        (n) =>
          Number(
            document.querySelector('[data-testid="selection"]')?.getAttribute("data-count"),
          ) !== n,
        boxed,
      );
      const lassoed = Number(await selection.getAttribute("data-count"));
      ok(lassoed > 0 && lassoed < boxed, `lasso ${lassoed}, box ${boxed}`);
      await page.locator('.overlay-modes [data-mode="explore"]').click();

      // The class filter: with 3 and 8 shown, far fewer pixels stay at full strength.
      const strong = () =>
        page.locator("canvas.map-canvas").evaluate((c) => {
          const canvas = c as HTMLCanvasElement;
          const data =
            canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 200) n++;
          return n;
        });
      const everyClass = await strong();
      await page.getByTestId("filter-digit").selectOption("3");
      await page.getByTestId("filter-pair").selectOption("8");
      await page.waitForTimeout(200);
      const pair = await strong();
      ok(
        pair < everyClass * 0.5,
        `full-strength pixels: ${everyClass} for every class, ${pair} for 3 and 8`,
      );
      await page.getByTestId("filter-digit").selectOption("");

      // Search by index: image #42 becomes the path's first end, with its neighbours listed.
      await page.getByTestId("search-index").fill("42");
      await page.getByRole("button", { name: "Find" }).click();
      await page.waitForFunction(() => location.search.includes("a=i42"));
      await page.waitForSelector(".search-panel .neighbors h3");
      assertEquals(
        await page.locator(".search-panel .neighbors h3").textContent(),
        "Nearest to image #42",
      );
      // A neighbour is the other end; then the list follows the handle.
      const neighbor = page.locator('.search-panel [data-testid="neighbors"] li button').first();
      const index = await neighbor.getAttribute("data-index");
      await neighbor.click();
      await page.waitForFunction((i) => location.search.includes(`b=i${i}`), index);
      await page.waitForFunction(() =>
        document.querySelector(".search-panel .neighbors h3")?.textContent ===
          "Nearest to the handle"
      );
      assertEquals(await page.locator('.search-panel [data-testid="neighbors"] li').count(), 8);
      // A bad index says what is allowed.
      await page.getByTestId("search-index").fill("10000");
      await page.getByRole("button", { name: "Find" }).click();
      await page.getByText("Enter a test image index from 0 to 9999.").waitFor();
    });
  },
});

Deno.test({
  name: "atlas: a cell opens its example's path in the explorer",
  ...options,
  async fn() {
    await withPage(async (page, site) => {
      await page.goto(`${site.url}/atlas`);
      await page.waitForSelector('[data-island="Atlas"][data-hydrated]');
      assertEquals(await page.locator(".atlas-grid a[data-pair]").count(), 90);
      // On a narrow phone the grid scrolls sideways inside its box; the page does not.
      await page.setViewportSize({ width: 320, height: 640 });
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
        grid: document.querySelector(".atlas-grid")!.getBoundingClientRect().width,
      }));
      ok(widths.grid > widths.screen && widths.page <= widths.screen, JSON.stringify(widths));
      await page.setViewportSize({ width: 1400, height: 1000 });
      const cell = page.locator('.atlas-grid a[data-pair="3-8"]');
      const href = (await cell.getAttribute("href"))!;
      ok(/^\/\?a=i\d+&b=i\d+&t=[\d.]+$/.test(href), href);
      // The held-out reader's rate shows first; the switch shows the ensemble's (in-sample).
      const atlas = JSON.parse(await Deno.readTextFile(`${MODEL_DIR}/atlas.json`));
      const c38 = atlas.cells.find((c: { digit: number; partner: number }) =>
        c.digit === 3 && c.partner === 8
      );
      const pct = (n: number) => `${Math.round(n / c38.count * 100)}%`;
      assertEquals(await cell.locator("span").textContent(), pct(c38.holdoutSuccesses));
      await page.getByLabel("judge ensemble (in-sample)").check();
      await page.waitForFunction(
        (text) =>
          document.querySelector('.atlas-grid a[data-pair="3-8"] span')?.textContent === text,
        pct(c38.successes),
      );
      await cell.click();
      await page.waitForURL((url) => url.pathname === "/" && url.search.includes("a=i"));
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      const got = new URL(page.url()).searchParams, want = new URL(href, site.url).searchParams;
      assertEquals([got.get("a"), got.get("b")], [want.get("a"), want.get("b")]);
      ok(Math.abs(Number(got.get("t")) - Number(want.get("t"))) < 1e-3);
    });
  },
});

Deno.test({
  name:
    "explore tools: a blank or non-image upload and a model without an encoder say what is wrong",
  ...options,
  async fn() {
    const site = await startSite(); // the fixture model: its stand-in encoder gives no latent
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await openExplorer(page, site);
      const alert = page.locator(".draw-panel [role=alert]");
      const blank = encodeGrayPng({ width: 40, height: 40, data: new Uint8Array(1600).fill(250) });
      await page.getByTestId("draw-file").setInputFiles({
        name: "blank.png",
        mimeType: "image/png",
        buffer: Buffer.from(blank),
      });
      await page.waitForFunction(() =>
        /blank/.test(document.querySelector(".draw-panel [role=alert]")?.textContent ?? "")
      );
      await page.getByTestId("draw-file").setInputFiles({
        name: "notes.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("not an image"),
      });
      await page.waitForFunction(() =>
        /expected a PNG or JPEG/.test(
          document.querySelector(".draw-panel [role=alert]")?.textContent ?? "",
        )
      );
      // A stroke: the browser cannot encode with this model, and /api/encode says why.
      const box = (await page.getByTestId("draw-canvas").boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 6 });
      await page.mouse.up();
      await page.waitForFunction(() =>
        /no encoder/.test(document.querySelector(".draw-panel [role=alert]")?.textContent ?? "")
      );
      ok((await alert.textContent())!.startsWith("Could not encode the digit"));
    } finally {
      await browser.close();
      await site.close();
    }
  },
});
