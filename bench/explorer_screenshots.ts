/**
 * `deno task screenshots`: the explorer on the shipped model in Chromium, at
 * 1400x900 and at a phone's 390x844, on the path 1 -> 0 at its most split
 * point, written to docs/ for docs/explorer.md.
 */
import { launchBrowser, startSite } from "../tests/e2e_support.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const site = await startSite(`${ROOT}static/model`);
const browser = await launchBrowser();
try {
  for (
    const [width, height, name, full] of [
      [1400, 900, "explorer-1400x900.png", false],
      [390, 844, "explorer-390x844.png", true],
    ] as const
  ) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.goto(`${site.url}/?a=c1&b=c0&t=0.5`);
    await page.waitForSelector(".strip li:nth-child(16) canvas");
    await page.click('button:has-text("Jump to most split")');
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${ROOT}docs/${name}`, fullPage: full });
    console.log(`docs/${name}`);
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
