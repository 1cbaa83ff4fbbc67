import { DIGITS } from "../model/sizes.ts";
import { scoreMuddle } from "./criteria.ts";
import type { MuddleEngine } from "./engine.ts";
import { ensembleSuccess } from "./summary.ts";

/** Version of atlas.json's format; bumped on incompatible changes. */
export const ATLAS_FORMAT_VERSION = 1;

/** One cell of the atlas: `boundary` from digit D towards partner P. */
export interface AtlasCell {
  digit: number;
  partner: number;
  /** Outputs made (seeds seed .. seed + count - 1). */
  count: number;
  /** Outputs the holdout classifier, which the method never consults, reads as split. */
  holdoutSuccesses: number;
  /** Outputs the judge ensemble the method consulted reads as split (in-sample). */
  successes: number;
  /** The most balanced output under the holdout reader (a success when there is one). */
  example: {
    /** 784 bytes (ink 255), base64. */
    image: string;
    /** The test images the output's path runs between, and where on it. */
    from: number;
    to: number;
    t: number;
    /** Holdout probabilities of D and P. */
    pDigit: number;
    pPartner: number;
  };
}

/** atlas.json: the 90 cells of the confusion atlas, and how they were made. */
export interface ConfusionAtlas {
  formatVersion: number;
  method: "boundary";
  count: number;
  seed: number;
  /** Cells for D = 0..9, P = 0..9 with P != D, in that order. */
  cells: AtlasCell[];
}

/**
 * Computes the confusion atlas: for every ordered pair (D, P), `count`
 * outputs of `boundary` from D towards P, scored by the holdout reader
 * (`holdout`: packed images [n * 784] -> probabilities [n * 10]) and by the
 * engine's own ensemble. About count x 90 x 15 ms on the shipped model.
 */
export function computeAtlas(
  engine: MuddleEngine,
  holdout: (images: Float32Array) => Float32Array,
  options: { count: number; seed: number; onCell?: (cell: AtlasCell) => void },
): ConfusionAtlas {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`computeAtlas() count must be a positive integer, got ${count}`);
  }
  const cells: AtlasCell[] = [];
  for (let digit = 0; digit < DIGITS; digit++) {
    for (let partner = 0; partner < DIGITS; partner++) {
      if (partner === digit) continue;
      let successes = 0, holdoutSuccesses = 0, bestRank = -Infinity;
      let example: AtlasCell["example"] | null = null;
      for (let i = 0; i < count; i++) {
        const result = engine.generate({ digit, partner, method: "boundary", seed: seed + i });
        const held = scoreMuddle(holdout(result.image), digit, partner);
        if (ensembleSuccess(result.judge, digit, partner)) successes++;
        if (held.success) holdoutSuccesses++;
        // Successes first, then balance between D and P.
        const rank = Number(held.success) * 2 + held.balance * Math.min(1, held.pair);
        if (rank > bestRank) {
          bestRank = rank;
          example = {
            image: bytesToBase64(
              Uint8Array.from(result.image, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)),
            ),
            from: result.from.index,
            to: result.to.index,
            t: Math.round(result.t * 1e4) / 1e4,
            pDigit: Math.round(held.pDigit * 1e4) / 1e4,
            pPartner: Math.round(held.pPartner * 1e4) / 1e4,
          };
        }
      }
      const cell = { digit, partner, count, holdoutSuccesses, successes, example: example! };
      cells.push(cell);
      options.onCell?.(cell);
    }
  }
  return { formatVersion: ATLAS_FORMAT_VERSION, method: "boundary", count, seed, cells };
}

/** Bytes as base64 (browser-safe: btoa). */
function bytesToBase64(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}
