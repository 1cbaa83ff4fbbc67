/**
 * `deno task bench:explorer`: measures the explorer in headless Chromium
 * over the shipped model (MUDDLE_MODEL_DIR overrides) and prints the
 * figures the explorer is held to: first paint, browser decode per digit, the
 * 16-step strip, and map redraws during zoom at 10,000 and 70,000 points.
 * The page records them as performance measures when opened with ?perf=1.
 */
import type { Page } from "playwright-core";
import { launchBrowser, startSite } from "../tests/e2e_support.ts";

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

async function measures(page: Page, name: string): Promise<number[]> {
  return await page.evaluate((n) => {
    const list = performance.getEntriesByName(n).map((e) => e.duration);
    performance.clearMeasures(n);
    return list;
  }, name);
}

async function wheelZoom(page: Page, turns: number) {
  const box = (await page.locator("canvas.map-canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < turns; i++) {
    await page.mouse.wheel(0, i < turns / 2 ? -120 : 120);
    await page.waitForTimeout(30);
  }
  // Pan too: drag across the map.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 0; i < 20; i++) {
    await page.mouse.move(box.x + box.width * (0.3 + i * 0.015), box.y + box.height * 0.6);
  }
  await page.mouse.up();
}

if (import.meta.main) {
  const root = new URL("../", import.meta.url).pathname;
  const site = await startSite(Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}static/model`);
  const browser = await launchBrowser();
  const fmt = (s: ReturnType<typeof stats>) =>
    `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, max ${
      s.max.toFixed(2)
    } ms (n=${s.n})`;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${site.url}/?a=c3&b=c8&t=0.5&perf=1`);
    await page.waitForSelector(".strip li:nth-child(16) canvas", { timeout: 60_000 });
    const ready = await page.evaluate(() => performance.now());
    // Read once the page is up: right after the load event Chromium may not have listed them yet.
    const paint = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]))
    );
    await measures(page, "muddle:decode");
    await page.locator("canvas.map-canvas").focus();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press(i < 30 ? "ArrowRight" : "ArrowLeft");
      await page.waitForTimeout(20);
    }
    const decode = stats(await measures(page, "muddle:decode"));
    await measures(page, "muddle:strip");
    await measures(page, "muddle:chart");
    // New paths through the ends' selects (once a path exists, map and legend clicks only
    // offer a point, so they make none).
    for (let i = 0; i < 10; i++) {
      await page.selectOption(".end select >> nth=0", `c${i % 10}`);
      await page.selectOption(".end select >> nth=1", `c${(i + 5) % 10}`);
      await page.waitForTimeout(60);
    }
    const strip = stats(await measures(page, "muddle:strip"));
    const chart = stats(await measures(page, "muddle:chart"));
    await measures(page, "muddle:redraw");
    await wheelZoom(page, 30);
    const redraw10k = stats(await measures(page, "muddle:redraw"));
    await page.click("text=all 70k");
    await page.waitForFunction(() => !document.querySelector(".map-status"), null, {
      timeout: 60_000,
    });
    await page.waitForTimeout(500);
    await measures(page, "muddle:redraw");
    // Frame intervals while zooming and panning: the rate a person sees, not just our share.
    await page.evaluate(() => {
      const g = globalThis as unknown as { frames: number[]; stop: boolean };
      g.frames = [];
      g.stop = false;
      let last = performance.now();
      const tick = (now: number) => {
        g.frames.push(now - last);
        last = now;
        if (!g.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await wheelZoom(page, 30);
    const frames70k = stats(
      await page.evaluate(() => {
        const g = globalThis as unknown as { frames: number[]; stop: boolean };
        g.stop = true;
        return g.frames.slice(1);
      }),
    );
    const redraw70k = stats(await measures(page, "muddle:redraw"));
    const backend = await page.locator(".keys").textContent();

    console.log(
      `first paint: ${paint["first-paint"]?.toFixed(0)} ms, first contentful paint: ${
        paint["first-contentful-paint"]?.toFixed(0)
      } ms`,
    );
    console.log(`interactive (model loaded, strip drawn): ${ready.toFixed(0)} ms`);
    console.log(`decode one digit in the browser: ${fmt(decode)}`);
    console.log(`16-step strip, decode: ${fmt(strip)}`);
    console.log(`61-step chart sweep, decode + judge ensemble: ${fmt(chart)}`);
    console.log(`map redraw, 10k points: ${fmt(redraw10k)}`);
    console.log(`map redraw, 70k points: ${fmt(redraw70k)}`);
    console.log(
      `frame interval during zoom/pan, 70k points: ${fmt(frames70k)} (${
        (1000 / frames70k.median).toFixed(0)
      } fps at the median)`,
    );
    console.log(backend?.trim());
    console.log(
      JSON.stringify({ paint, ready, decode, strip, chart, redraw10k, redraw70k, frames70k }),
    );
  } finally {
    await browser.close();
    await site.close();
  }
}
