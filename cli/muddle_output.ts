import { writeFileAtomic } from "../files/atomic_files.ts";
import { captionTile } from "../lib/image/caption.ts";
import { contactSheet } from "../lib/image/contact_sheet.ts";
import { digitToGray, type GrayImage, toByte } from "../lib/image/gray_image.ts";
import { encodeGrayPng } from "../lib/image/png.ts";
import { encodeIdx } from "../lib/mnist/encode_idx.ts";
import type { MuddleResult } from "../lib/muddle/mod.ts";

/** The files `--format idx` writes, by role. */
export const IDX_FILES = {
  images: "muddled-images-idx3-ubyte",
  digits: "muddled-digits-idx1-ubyte",
  partners: "muddled-partners-idx1-ubyte",
  labels: "labels.csv",
} as const;

/**
 * Writes outputs as an ambiguous MNIST set: the images, the input digit and
 * the partner as IDX files (the format of MNIST itself), and labels.csv with,
 * per image, its source index, digit, partner, t and every reader's ten
 * probabilities (soft labels).
 */
export async function writeIdx(out: string, items: MuddleResult[]): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  const n = items.length;
  const pixels = new Uint8Array(n * 784);
  items.forEach((item, i) => item.image.forEach((v, p) => pixels[i * 784 + p] = toByte(v)));
  await writeFileAtomic(`${out}/${IDX_FILES.images}`, encodeIdx("images", pixels, [n, 28, 28]));
  const digits = Uint8Array.from(items, (item) => item.digit);
  await writeFileAtomic(`${out}/${IDX_FILES.digits}`, encodeIdx("labels", digits, [n]));
  const partners = Uint8Array.from(items, (item) => item.partner);
  await writeFileAtomic(`${out}/${IDX_FILES.partners}`, encodeIdx("labels", partners, [n]));
  const readers = n > 0 ? Object.keys(items[0].judge.members) : [];
  const header = ["row", "source_index", "digit", "partner", "t"];
  for (const name of readers) for (let d = 0; d < 10; d++) header.push(`${name}_p${d}`);
  const lines = [header.join(",")];
  items.forEach((item, i) => {
    const cells = [i, item.from.index, item.digit, item.partner, item.t.toFixed(4)];
    for (const name of readers) cells.push(...item.judge.members[name].map((p) => p.toFixed(4)));
    lines.push(cells.join(","));
  });
  await writeFileAtomic(
    `${out}/${IDX_FILES.labels}`,
    new TextEncoder().encode(lines.join("\n") + "\n"),
  );
}

/**
 * The most pixels sheet.png holds (about 8,000 a side). A sheet is for looking
 * at a run: 8,500 tiles at scale 8 would be 20,000 px a side and take 2.7 GB
 * to draw, so a larger run's sheet shows its first outputs (about 1,100 at
 * scale 8), and every output still gets its own PNG.
 */
export const SHEET_PIXELS = 64 * 1024 * 1024;

/**
 * Writes one PNG per output and sheet.png of as many as fit SHEET_PIXELS,
 * each tile captioned "D→P t=0.47". Returns how many tiles the sheet shows.
 */
export async function writePng(
  out: string,
  items: MuddleResult[],
  scale: number,
): Promise<number> {
  await Deno.mkdir(out, { recursive: true });
  // One tile at a time, so that a large run holds only the sheet's tiles.
  const captioned: GrayImage[] = [];
  let fit = 1;
  for (const [i, item] of items.entries()) {
    const tile = digitToGray(item.image, 28, scale);
    const name = `${out}/${item.method}_${item.digit}_${item.partner}_${item.from.index}.png`;
    await writeFileAtomic(name, encodeGrayPng(tile));
    if (i >= fit) continue;
    const shown = captionTile(tile, `${item.digit}→${item.partner} t=${item.t.toFixed(2)}`);
    if (i === 0) fit = Math.max(1, Math.floor(SHEET_PIXELS / (shown.width * shown.height)));
    captioned.push(shown);
  }
  await writeFileAtomic(`${out}/sheet.png`, encodeGrayPng(contactSheet(captioned)));
  return captioned.length;
}
