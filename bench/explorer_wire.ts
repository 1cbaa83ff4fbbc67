/**
 * `deno task bench:wire`: bytes on the wire when the explorer opens a path
 * over the shipped model (MUDDLE_MODEL_DIR overrides), in headless Chromium,
 * per file and in total, then again after switching to all 70k points.
 * Wire bytes are Chromium's encodedDataLength (headers and compressed body).
 */
import type { CDPSession, Page } from "playwright-core";
import { launchBrowser, startSite } from "../tests/e2e_support.ts";

/** Wire and decoded bytes per URL path, as Chromium's network events report them. */
async function watch(
  page: Page,
): Promise<{ cdp: CDPSession; bytes: Map<string, [number, number]> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map<string, string>();
  const decoded = new Map<string, number>();
  const bytes = new Map<string, [number, number]>();
  cdp.on(
    "Network.requestWillBeSent",
    (e) => urls.set(e.requestId, new URL(e.request.url).pathname),
  );
  cdp.on(
    "Network.dataReceived",
    (e) => decoded.set(e.requestId, (decoded.get(e.requestId) ?? 0) + e.dataLength),
  );
  cdp.on("Network.loadingFinished", (e) => {
    const path = urls.get(e.requestId) ?? "?";
    const [wire, body] = bytes.get(path) ?? [0, 0];
    bytes.set(path, [wire + e.encodedDataLength, body + (decoded.get(e.requestId) ?? 0)]);
  });
  return { cdp, bytes };
}

function report(title: string, bytes: Map<string, [number, number]>) {
  const rows = [...bytes].sort((a, b) => b[1][0] - a[1][0]);
  const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`.padStart(11);
  console.log(`\n${title}\n${"wire".padStart(11)} ${"decoded".padStart(11)}  path`);
  for (const [path, [wire, body]] of rows) console.log(`${kb(wire)} ${kb(body)}  ${path}`);
  const total = rows.reduce((t, [, [w, b]]) => [t[0] + w, t[1] + b], [0, 0]);
  console.log(`${kb(total[0])} ${kb(total[1])}  total`);
  return { wire: total[0], decoded: total[1] };
}

if (import.meta.main) {
  const root = new URL("../", import.meta.url).pathname;
  const site = await startSite(Deno.env.get("MUDDLE_MODEL_DIR") ?? `${root}static/model`);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const { bytes } = await watch(page);
    await page.goto(`${site.url}/?a=c3&b=c8&t=0.5`);
    await page.waitForSelector(".strip li:nth-child(16) canvas", { timeout: 60_000 });
    // The raw test images come after the model (tooltips, "Muddle me"): wait for the network.
    await page.waitForLoadState("networkidle");
    const first = report("open /?a=c3&b=c8 (test set)", bytes);
    bytes.clear();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/train_umap.bin"), { timeout: 60_000 }),
      page.click("text=all 70k"),
    ]);
    await page.waitForFunction(() => !document.querySelector(".map-status"), null, {
      timeout: 60_000,
    });
    await page.waitForLoadState("networkidle");
    const all = report("then all 70k points", bytes);
    console.log(JSON.stringify({ first, all }));
  } finally {
    await browser.close();
    await site.close();
  }
}
