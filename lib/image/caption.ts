import type { GrayImage } from "./gray_image.ts";

// A 5-row pixel font for captions such as "4→9 t=0.47" ("#" is ink); glyphs 3 wide, the arrow 5.
const GLYPHS: Record<string, string[]> = {
  "0": ["###", "#.#", "#.#", "#.#", "###"],
  "1": [".#.", "##.", ".#.", ".#.", "###"],
  "2": ["###", "..#", "###", "#..", "###"],
  "3": ["###", "..#", "###", "..#", "###"],
  "4": ["#.#", "#.#", "###", "..#", "..#"],
  "5": ["###", "#..", "###", "..#", "###"],
  "6": ["###", "#..", "###", "#.#", "###"],
  "7": ["###", "..#", ".#.", ".#.", ".#."],
  "8": ["###", "#.#", "###", "#.#", "###"],
  "9": ["###", "#.#", "###", "..#", "###"],
  "→": ["..#..", "...#.", "#####", "...#.", "..#.."],
  "t": [".#.", "###", ".#.", ".#.", ".##"],
  "=": ["...", "###", "...", "###", "..."],
  ".": ["...", "...", "...", "...", ".#."],
  " ": ["...", "...", "...", "...", "..."],
};

/**
 * A copy of `tile` with `text` written in a strip below it, white on black,
 * the font scaled to fit the tile's width. Only digits, "→", "t", "=", "."
 * and spaces are drawn; anything else throws a RangeError.
 */
export function captionTile(tile: GrayImage, text: string): GrayImage {
  const chars = [...text];
  for (const ch of chars) {
    if (!GLYPHS[ch]) {
      throw new RangeError(`captionTile: cannot draw "${ch}"; digits, →, t, = and . only`);
    }
  }
  const columns = chars.reduce((sum, ch) => sum + GLYPHS[ch][0].length + 1, 1);
  const scale = Math.max(1, Math.floor(tile.width / columns));
  const strip = 7 * scale;
  const height = tile.height + strip;
  const data = new Uint8Array(tile.width * height);
  data.set(tile.data);
  let left = 1;
  for (const ch of chars) {
    GLYPHS[ch].forEach((row, y) => {
      [...row].forEach((cell, x) => {
        if (cell !== "#") return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const px = (left + x) * scale + dx, py = tile.height + (1 + y) * scale + dy;
            if (px < tile.width) data[py * tile.width + px] = 255;
          }
        }
      });
    });
    left += GLYPHS[ch][0].length + 1;
  }
  return { width: tile.width, height, data };
}
