/** The explorer's exports: the digit under the handle as a PNG, the path as an animated GIF. */
import { useState } from "preact/hooks";
import type { BrowserModel } from "../../islands/_explorer/browser_model.ts";
import { digitPng, download, sweepGif } from "./export_image.ts";
import { type EndRef, formatEnd } from "./url_state.ts";
import { IMAGE_PIXELS } from "../../lib/model/sizes.ts";

/** GIF frames one way along the path (played there and back). */
const GIF_FRAMES = 24;

/** The export actions and the GIF button's label while it works (else null). */
export function useExports(
  model: BrowserModel | null,
  ends: { a: EndRef | null; b: EndRef | null; la: Float32Array | null; lb: Float32Array | null },
  t: number,
  image: Float32Array | null,
  onProblem: (problem: string) => void,
): { busy: string | null; exportPng(): Promise<void>; exportGif(): void } {
  const [busy, setBusy] = useState<string | null>(null);
  const { a, b, la, lb } = ends;
  const exportPng = async () => {
    if (!image || !a || !b) return;
    download(
      await digitPng(image, 10),
      `muddle-${formatEnd(a)}-${formatEnd(b)}-t${t.toFixed(2)}.png`,
    );
  };
  const exportGif = () => {
    if (!model || !la || !lb || !a || !b) return;
    setBusy("Encoding GIF…");
    const frames = model.sweep(la, lb, GIF_FRAMES).images;
    const list = Array.from(
      { length: GIF_FRAMES },
      (_, i) => frames.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS),
    );
    sweepGif([...list, ...list.slice(1, -1).reverse()], 5, 80).then((bytes) => {
      download(
        new Blob([bytes as BlobPart], { type: "image/gif" }),
        `muddle-${formatEnd(a)}-${formatEnd(b)}.gif`,
      );
    }).catch((e) => onProblem(`GIF export failed: ${e.message}`)).finally(() => setBusy(null));
  };
  return { busy, exportPng, exportGif };
}
