/**
 * Browser tests (Debian Chromium) of class names across the explorer (a
 * model trained with --classes) and of "Muddle this digit" on a picked test
 * image and on the hover card.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import type { Page } from "playwright-core";
import { browserTest, launchBrowser, type Site, startSite } from "./e2e_support.ts";
import { writeFixtureModelDir } from "./support/fixture_model_dir.ts";

const CLASSES = [
  "T-shirt",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Boot",
];

const options = { ...browserTest(), sanitizeResources: false, sanitizeOps: false };

async function open(page: Page, site: Site, query = "") {
  await page.goto(`${site.url}/${query}`);
  await page.waitForSelector("[data-island][data-hydrated]");
  await page.waitForFunction(() => !document.querySelector(".map-status"));
}

async function withSite(
  classes: string[] | undefined,
  run: (page: Page, site: Site) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "muddle_names_" });
  await writeFixtureModelDir(`${dir}/model`, { classes });
  const site = await startSite(`${dir}/model`);
  const browser = await launchBrowser();
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await run(page, site);
    assertEquals(errors, []);
  } finally {
    await browser.close();
    await site.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "class names: the legend, the end selects, the judge's reading and the strip show them",
  ...options,
  async fn() {
    await withSite(CLASSES, async (page, site) => {
      await open(page, site);
      assertEquals(await page.locator(".legend button").allTextContents(), CLASSES);
      await page.getByRole("button", { name: "Use the centroid of Trouser as a path end" }).click();
      await page.getByRole("button", { name: "Use the centroid of Sandal as a path end" }).click();
      await page.waitForFunction(() =>
        location.search.includes("a=c1") && location.search.includes("b=c5")
      );
      await page.waitForSelector(".strip li:nth-child(16) canvas");
      const selected = (label: string) =>
        page.locator(`label.end:has-text("${label}") select`).evaluate((s) =>
          (s as HTMLSelectElement).selectedOptions[0].textContent
        );
      assertEquals(await selected("From"), "Trouser");
      assertEquals(await selected("To"), "Sandal");
      const options = await page.locator('label.end:has-text("From") option').allTextContents();
      ok(CLASSES.every((n) => options.includes(n)), options.join("|"));
      // The judge's reading: every bar is a class name, and the ends' classes are among them.
      await page.waitForSelector(".bars li");
      const bars = await page.locator(".bars .d").allTextContents();
      ok(bars.length > 0 && bars.every((b) => CLASSES.includes(b)), bars.join("|"));
      await page.waitForFunction(() =>
        /Judge: Trouser at \d+%, Sandal at \d+%/.test(
          document.querySelector('[data-testid="live"]')?.textContent ?? "",
        )
      );
      assertEquals(await page.getByTestId("strip-end").allTextContents(), ["Trouser", "Sandal"]);
      const keys = await page.locator(".prob-chart .key").allTextContents();
      ok(keys.some((k) => k.startsWith("Trouser (A)")), keys.join("|"));
      const labels = await page.locator(".prob-chart text.label").allTextContents();
      ok(labels.length > 0 && labels.every((l) => CLASSES.includes(l)), labels.join("|"));
      ok(
        /between Trouser and Sandal/.test(
          (await page.locator(".strip-panel .explain").textContent())!,
        ),
      );
    });
  },
});

Deno.test({
  name: "Muddle this digit: from a picked test image by keyboard, and from the hover card",
  ...options,
  async fn() {
    await withSite(undefined, async (page, site) => {
      // A test image picked as the start (as a click on the map or the index search does).
      await open(page, site, "?a=i7");
      const button = page.getByRole("button", { name: /^Muddle this digit: test image #7, a \d/ });
      await button.focus();
      await page.keyboard.press("Enter");
      const api = await (await fetch(`${site.url}/api/muddle?from=7&method=boundary&seed=0`))
        .json();
      await page.getByTestId("point-muddled").waitFor();
      await page.waitForFunction(
        (to) => location.search.includes("a=i7") && location.search.includes(`b=i${to}`),
        api.to.index,
      );
      const t = Number(new URL(page.url()).searchParams.get("t"));
      ok(Math.abs(t - api.t) < 0.006, `handle at ${t}, the engine's t is ${api.t}`);
      const text = (await page.getByTestId("point-muddled").textContent())!;
      ok(text.includes(`#7 (${api.digit}) towards ${api.partner} (#${api.to.index})`), text);
      ok(text.includes(`t = ${api.t.toFixed(2)}`), text);

      // The hover card: hover near a centroid until a test point's card shows, then its button.
      await open(page, site);
      await page.waitForSelector("canvas.map-canvas[data-centroids]");
      const canvas = page.locator("canvas.map-canvas");
      const box = (await canvas.boundingBox())!;
      const [cx, cy] = (await canvas.getAttribute("data-centroids"))!.split(";")[3].split(",")
        .map(Number);
      let shown = false;
      for (let r = 0; r < 60 && !shown; r += 3) {
        for (let a = 0; a < 8 && !shown; a++) {
          await page.mouse.move(
            box.x + cx + r * Math.cos(a * Math.PI / 4),
            box.y + cy + r * Math.sin(a * Math.PI / 4),
          );
          shown = await page.getByTestId("hover-muddle").count() > 0;
        }
      }
      ok(shown, "a hover card with its button appeared");
      const index = Number(await page.locator(".tooltip").getAttribute("data-index"));
      const hovered = page.getByRole("button", {
        name: new RegExp(`^Muddle this digit: test image #${index}, a \\d`),
      });
      // The pointer travels to the button as a real one does, over other points on the way: the
      // card waits for it.
      const target = (await hovered.boundingBox())!;
      await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, {
        steps: 12,
      });
      await page.mouse.down();
      await page.mouse.up();
      const again =
        await (await fetch(`${site.url}/api/muddle?from=${index}&method=boundary&seed=0`))
          .json();
      await page.waitForFunction(
        ([i, to]) => location.search.includes(`a=i${i}`) && location.search.includes(`b=i${to}`),
        [index, again.to.index],
      );
      await page.waitForFunction(
        (i) =>
          document.querySelector('[data-testid="point-muddled"]')?.getAttribute("data-from") ===
            String(i),
        index,
      );
    });
  },
});
