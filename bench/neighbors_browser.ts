/**
 * `deno task bench:neighbors-browser`: the explorer's neighbours of the
 * moving handle in headless Chromium over the shipped model
 * (MUDDLE_MODEL_DIR overrides), at 10,000 and at 70,000 points. The handle
 * steps 60 times along the 3 -> 8 centroid path with the arrow keys; the page
 * (opened with ?perf=1) records each k-d tree search as "muddle:neighbors"
 * and each judging of a changed neighbour set as "muddle:neighbors-judge".
 * One frame at 60 Hz is 16.7 ms. The last line is JSON.
 */
import type { Page } from "playwright-core";
import { launchBrowser, startSite } from "../tests/e2e_support.ts";

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, mean, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

async function take(page: Page, name: string): Promise<number[]> {
  return await page.evaluate((n) => {
    const list = performance.getEntriesByName(n).map((e) => e.duration);
    performance.clearMeasures(n);
    return list;
  }, name);
}

async function sweepHandle(page: Page) {
  await take(page, "muddle:neighbors");
  await take(page, "muddle:neighbors-judge");
  await page.locator("canvas.map-canvas").focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(i < 40 ? "ArrowRight" : "ArrowLeft");
    await page.waitForTimeout(20);
  }
  return {
    search: stats(await take(page, "muddle:neighbors")),
    judge: stats(await take(page, "muddle:neighbors-judge")),
  };
}

if (import.meta.main) {
  const root = new URL("../", import.meta.url).pathname;
  const site = await startSite(Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}static/model`);
  const browser = await launchBrowser();
  const fmt = (s: ReturnType<typeof stats>) =>
    `mean ${s.mean.toFixed(3)} ms, median ${s.median.toFixed(3)} ms, p95 ${
      s.p95.toFixed(3)
    } ms, max ${s.max.toFixed(3)} ms (n=${s.n})`;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${site.url}/?a=c3&b=c8&t=0.2&perf=1`);
    await page.waitForFunction(
      () =>
        document.querySelector(".search-panel .neighbors h3")?.textContent ===
          "Nearest to the handle",
      null,
      {
        timeout: 60_000,
      },
    );
    const at10k = await sweepHandle(page);
    await page.click("text=all 70k");
    await page.waitForFunction(() => !document.querySelector(".map-status"), null, {
      timeout: 60_000,
    });
    await page.waitForTimeout(500);
    const at70k = await sweepHandle(page);
    console.log(`10k points, k-d tree search: ${fmt(at10k.search)}`);
    console.log(`10k points, judging a changed neighbour set: ${fmt(at10k.judge)}`);
    console.log(`70k points, k-d tree search: ${fmt(at70k.search)}`);
    console.log(`70k points, judging a changed neighbour set: ${fmt(at70k.judge)}`);
    console.log(JSON.stringify({ at10k, at70k }));
  } finally {
    await browser.close();
    await site.close();
  }
}
