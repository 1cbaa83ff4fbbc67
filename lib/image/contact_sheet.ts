import type { GrayImage } from "./gray_image.ts";

/** Layout of a contact sheet. */
export interface SheetOptions {
  /** Tiles per row (default: about the square root of the count). */
  columns?: number;
  /** Pixels between tiles and around the edge (default 4). */
  gap?: number;
  /** Gray level of the gaps (default 64, so black tiles stay visible). */
  background?: number;
}

/**
 * Lays equally sized tiles out in a grid, row by row: one image that shows
 * every output of a run at a glance.
 */
export function contactSheet(tiles: GrayImage[], options: SheetOptions = {}): GrayImage {
  if (tiles.length === 0) throw new RangeError("contactSheet() needs at least one tile");
  const { width: tileW, height: tileH } = tiles[0];
  if (tiles.some((t) => t.width !== tileW || t.height !== tileH)) {
    throw new RangeError(`every tile must be ${tileW}x${tileH}`);
  }
  const columns = options.columns ?? Math.ceil(Math.sqrt(tiles.length));
  const gap = options.gap ?? 4;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`columns must be a positive integer, got ${columns}`);
  }
  if (!Number.isInteger(gap) || gap < 0) {
    throw new RangeError(`gap must be a non-negative integer, got ${gap}`);
  }
  const rows = Math.ceil(tiles.length / columns);
  const width = columns * tileW + (columns + 1) * gap;
  const height = rows * tileH + (rows + 1) * gap;
  const data = new Uint8Array(width * height).fill(options.background ?? 64);
  tiles.forEach((tile, i) => {
    const left = gap + (i % columns) * (tileW + gap);
    const top = gap + Math.floor(i / columns) * (tileH + gap);
    for (let y = 0; y < tileH; y++) {
      data.set(tile.data.subarray(y * tileW, (y + 1) * tileW), (top + y) * width + left);
    }
  });
  return { width, height, data };
}
