import { deepStrictEqual as assertEquals, strictEqual } from "node:assert/strict";
import { formatProgress, ProgressBar } from "./progress_bar.ts";
import { textSink } from "./text_sink.ts";

Deno.test("formatProgress() shows the bar, count, loss, images/s and ETA", () => {
  strictEqual(
    formatProgress({ label: "epoch 1/3", done: 15000, total: 60000, loss: 0.0321, elapsed: 5 }),
    "epoch 1/3 [######..................]  15000/60000  loss 0.03210  3000 img/s  ETA 15s",
  );
  strictEqual(
    formatProgress({ label: "judge 4/4", done: 60000, total: 60000, elapsed: 150 }),
    "judge 4/4 [########################]  60000/60000  400 img/s  150.0s",
  );
  strictEqual(
    formatProgress({ label: "e", done: 1000, total: 61000, elapsed: 2 }).endsWith("ETA 2m00s"),
    true,
  );
});

Deno.test("ProgressBar without a terminal prints only finished phases and messages", () => {
  const lines: string[] = [];
  const bar = new ProgressBar(textSink(lines));
  bar.update({ label: "epoch 1/1", done: 10, total: 20, elapsed: 1 });
  bar.log("note");
  bar.update({ label: "epoch 1/1", done: 20, total: 20, elapsed: 2 });
  assertEquals(lines, [
    "note\n",
    "epoch 1/1 [########################]  20/20  10 img/s  2.0s\n",
  ]);
});

Deno.test("ProgressBar on a terminal redraws one line and ends it when the phase finishes", () => {
  const lines: string[] = [];
  const bar = new ProgressBar(textSink(lines, true));
  bar.update({ label: "boundary", done: 1, total: 4, elapsed: 0.5, unit: "outputs/s" });
  bar.update({ label: "boundary", done: 2, total: 4, elapsed: 1 }); // within 200 ms: skipped
  bar.update({ label: "boundary", done: 4, total: 4, elapsed: 2, unit: "outputs/s" });
  assertEquals(lines, [
    "\r\x1b[2Kboundary [######..................]  1/4  2 outputs/s  ETA 2s",
    "\r\x1b[2Kboundary [########################]  4/4  2 outputs/s  2.0s\n",
  ]);
});
