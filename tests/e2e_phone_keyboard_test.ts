/**
 * The explorer on a phone and from a keyboard, in real Chromium: a swipe on
 * the map scrolls the page while two fingers zoom the map, the phone layout's
 * sizes, a visible focus ring on the map, one announcement per step, few Tab
 * stops, and legend colours that meet WCAG contrast.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { decode as decodePng } from "fast-png";
import type { Page } from "playwright-core";
import { browserTest, launchBrowser, startSite } from "./e2e_support.ts";

const ready = async (page: Page) => {
  await page.waitForSelector("[data-island][data-hydrated]");
  await page.waitForFunction(() => !document.querySelector(".map-status"));
  await page.waitForFunction(() =>
    document.querySelector("canvas.map-canvas")?.getAttribute("data-centroids")
  );
};

/** WCAG contrast ratio of two "rgb(r, g, b)" colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

Deno.test({
  name: "explorer on a phone and by keyboard",
  ...browserTest(),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(ctx) {
    const site = await startSite();
    const browser = await launchBrowser();
    /** A touch phone's browser context, at twice the pixel density. */
    const phone = (width: number, height: number) =>
      browser.newContext({
        viewport: { width, height },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      });
    try {
      await ctx.step(
        "on a phone: a swipe on the map scrolls the page, two fingers zoom the map",
        async () => {
          const context = await phone(390, 844);
          const page = await context.newPage();
          await page.goto(`${site.url}/?a=c3&b=c8&t=0.5`);
          await ready(page);
          await page.waitForSelector(".strip li:nth-child(16) canvas");
          const map = (await page.locator("canvas.map-canvas").boundingBox())!;
          // The map takes most of the screen: swipe up on its middle with one finger.
          await page.evaluate(() => scrollTo(0, 0));
          const cdp = await context.newCDPSession(page);
          const [sx, sy] = [map.x + map.width / 2, map.y + map.height * 0.8];
          await cdp.send("Input.dispatchTouchEvent", {
            type: "touchStart",
            touchPoints: [{ x: sx, y: sy }],
          });
          for (let i = 1; i <= 10; i++) {
            await cdp.send("Input.dispatchTouchEvent", {
              type: "touchMove",
              touchPoints: [{ x: sx, y: sy - i * 30 }],
            });
          }
          await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
          await page.waitForTimeout(300);
          const scrolled = await page.evaluate(() => scrollY);
          assert(scrolled > 100, `the page scrolled by ${scrolled} px`);
          assertEquals(new URL(page.url()).searchParams.get("c"), null, "the map did not pan");

          // A finger on the handle drags it along the path, and the page stays where it is.
          await page.evaluate(() => scrollTo(0, 0));
          // Let the swipe's fling die down first.
          await page.waitForTimeout(600);
          await page.evaluate(() => scrollTo(0, 0));
          const scrollBefore = await page.evaluate(() => scrollY);
          const top = (await page.locator("canvas.map-canvas").boundingBox())!;
          const canvasAttr = (name: string) =>
            page.locator("canvas.map-canvas").getAttribute(`data-${name}`);
          const [hx, hy] = (await canvasAttr("handle"))!.split(",").map(Number);
          const [tx, ty] = (await canvasAttr("path"))!.split(";")[54].split(",").map(Number);
          const at = (x: number, y: number) => [{ x: top.x + x, y: top.y + y }];
          await cdp.send("Input.dispatchTouchEvent", {
            type: "touchStart",
            touchPoints: at(hx, hy),
          });
          for (let i = 1; i <= 8; i++) {
            await cdp.send("Input.dispatchTouchEvent", {
              type: "touchMove",
              touchPoints: at(hx + (tx - hx) * i / 8, hy + (ty - hy) * i / 8),
            });
          }
          await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
          await page.waitForFunction(() =>
            Number(document.querySelector('[data-testid="t-value"]')?.textContent) > 0.8
          );
          assertEquals(await page.evaluate(() => scrollY), scrollBefore, "the page did not scroll");

          // Two fingers spreading apart zoom the map in (the URL's zoom grows).
          const box = (await page.locator("canvas.map-canvas").boundingBox())!;
          const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
          const touch = (type: "touchStart" | "touchMove" | "touchEnd", spread: number) =>
            cdp.send("Input.dispatchTouchEvent", {
              type,
              touchPoints: type === "touchEnd" ? [] : [
                { x: cx - spread, y: cy, id: 1 },
                { x: cx + spread, y: cy, id: 2 },
              ],
            });
          await touch("touchStart", 30);
          // Chromium delivers touch moves once per frame: give each a frame, and the last one
          // time to land before the fingers lift (under load an early lift dropped it).
          for (let s = 40; s <= 120; s += 20) {
            await touch("touchMove", s);
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
          }
          await page.waitForTimeout(100);
          await touch("touchEnd", 0);
          await page.waitForFunction(() => new URLSearchParams(location.search).get("c"));
          const k = Number(new URL(page.url()).searchParams.get("c")!.split(",")[2]);
          assert(k > 2.5, `pinch zoomed to k = ${k}`);

          // The phone layout: strip cells of at least 44 px, readable chart text, the start hint
          // above the map rather than over it.
          const cell = (await page.locator(".strip li:nth-child(2) button").boundingBox())!;
          assert(cell.width >= 44 && cell.height >= 44, `strip cell ${cell.width}x${cell.height}`);
          const digit = (await page.locator(".strip li:nth-child(2) canvas").boundingBox())!;
          assert(digit.width >= 44, `strip digit drawn at ${digit.width} px`);
          const sizes = await page.locator(".prob-chart svg text").evaluateAll((texts) =>
            texts.map((t) => t.getBoundingClientRect().height)
          );
          assert(sizes.length > 5 && Math.min(...sizes) >= 10, `chart text heights ${sizes}`);
          await page.goto(`${site.url}/`);
          await ready(page);
          const hint = (await page.locator(".map-hint").boundingBox())!;
          const canvas = (await page.locator("canvas.map-canvas").boundingBox())!;
          assert(hint.y + hint.height <= canvas.y, "the start hint does not cover the map");

          // No page scrolls sideways on a narrow phone: the strip scrolls inside its own box
          // (the atlas grid's test is beside the atlas's, which has an atlas to show).
          const narrow = await phone(320, 640);
          const small = await narrow.newPage();
          for (const path of ["/?a=c3&b=c8&t=0.5", "/training"]) {
            await small.goto(`${site.url}${path}`);
            await small.waitForSelector("[data-island][data-hydrated]", { state: "attached" });
            // Measured once the page has settled: the map drawn and the strip decoded.
            if (path.startsWith("/?")) {
              await ready(small);
              await small.waitForSelector(".strip li:nth-child(16) canvas");
            }
            const [scroll, width] = await small.evaluate(() => [
              document.documentElement.scrollWidth,
              document.documentElement.clientWidth,
            ]);
            assert(scroll <= width, `${path} is ${scroll} px wide on a ${width} px screen`);
          }
          await narrow.close();
        },
      );
      await ctx.step(
        "by keyboard: visible map focus, one announcement per step, few Tab stops",
        async () => {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          await page.goto(`${site.url}/?a=c3&b=c8&t=0.5`);
          await ready(page);
          await page.waitForSelector(".strip li:nth-child(16) canvas");

          // Tab from the top of the page to the slider: every stop counted.
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          let presses = 0;
          let mapFocused = false;
          while (presses < 40) {
            await page.keyboard.press("Tab");
            presses++;
            const tag = await page.evaluate(() =>
              `${document.activeElement?.tagName}.${document.activeElement?.className}`
            );
            if (tag === "CANVAS.map-canvas" && !mapFocused) {
              mapFocused = true;
              // Focus reached the map by keyboard: a ring is drawn inside its edge.
              const canvas = page.locator("canvas.map-canvas");
              const ring = decodePng(await canvas.screenshot());
              const row = (y: number) =>
                Array.from({ length: ring.width }, (_, x) => (y * ring.width + x) * ring.channels);
              const accent = row(1).filter((i) =>
                ring.data[i] > 200 && ring.data[i + 1] > 170 && ring.data[i + 2] < 140
              ).length;
              assert(accent > ring.width * 0.9, `focus ring pixels on the top edge: ${accent}`);
            }
            if (tag.startsWith("INPUT")) {
              break;
            }
          }
          assert(mapFocused, "Tab reaches the map");
          console.log(`Tab presses from the top of the page to the slider: ${presses}`);
          assert(presses <= 15, `${presses} Tab presses to reach the slider`);
          const valuetext = await page.locator('input[type="range"]').getAttribute(
            "aria-valuetext",
          );
          assert(
            /^t = 0\.50, from centroid 3 \(t = 0\) to centroid 8 \(t = 1\)$/.test(valuetext ?? ""),
          );

          // Without focus on the map the ring is gone.
          await page.locator("canvas.map-canvas").evaluate((c) => (c as HTMLElement).blur());
          const plain = decodePng(await page.locator("canvas.map-canvas").screenshot());
          let yellow = 0;
          for (let x = 0; x < plain.width; x++) {
            const i = (plain.width + x) * plain.channels;
            if (plain.data[i] > 200 && plain.data[i + 1] > 170 && plain.data[i + 2] < 140) yellow++;
          }
          assert(yellow < plain.width * 0.1, `no ring without focus (${yellow} pixels)`);

          // The live region speaks once per step, after the step's decode, saying t once.
          await page.evaluate(() => {
            const said: string[] = [];
            (globalThis as unknown as { said: string[] }).said = said;
            const live = document.querySelector('[data-testid="live"]')!;
            new MutationObserver(() => said.push(live.textContent ?? "")).observe(live, {
              childList: true,
              characterData: true,
              subtree: true,
            });
          });
          await page.locator("canvas.map-canvas").focus();
          const expected = ["0.51", "0.52", "0.53", "0.54", "0.55"];
          for (const t of expected) {
            await page.keyboard.press("ArrowRight");
            await page.waitForFunction(
              (t) =>
                document.querySelector('[data-testid="live"]')?.textContent?.startsWith(`t = ${t}`),
              t,
            );
          }
          await page.waitForTimeout(300);
          const said = await page.evaluate(() =>
            (globalThis as unknown as { said: string[] }).said
          );
          assertEquals(said.map((s) => s.slice(4, 8)), expected, said.join(" | "));
          for (const s of said) assertEquals(s.match(/t =/g)?.length, 1, s);

          // The legend's digits meet WCAG's 4.5:1 against the page behind them.
          const colours = await page.locator(".legend button").evaluateAll((buttons) =>
            buttons.map((b) => getComputedStyle(b).color)
          );
          const background = await page.evaluate(() =>
            getComputedStyle(document.body).backgroundColor
          );
          const ratios = colours.map((c) => contrast(c, background));
          console.log(`legend contrast: ${ratios.map((r) => r.toFixed(2)).join(" ")}`);
          assert(Math.min(...ratios) >= 4.5, `legend contrast ${ratios}`);
        },
      );
    } finally {
      await browser.close();
      await site.close();
    }
  },
});
