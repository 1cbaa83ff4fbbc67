import { ATLAS_FORMAT_VERSION, type ConfusionAtlas } from "../muddle/atlas.ts";
import { ArtifactError } from "./artifact_error.ts";
import { IMAGE_PIXELS } from "../model/sizes.ts";

/**
 * Parses and checks atlas.json (written by `deno task eval --atlas`): its
 * version, and 90 cells, one per ordered pair of different digits in order,
 * each with counts within 0..count and a 784-byte example. A file that
 * fails throws an ArtifactError naming atlas.json and what was expected.
 */
export function parseAtlas(bytes: Uint8Array): ConfusionAtlas {
  const fail = (why: string): never => {
    throw new ArtifactError("atlas.json", why);
  };
  let atlas: ConfusionAtlas;
  try {
    atlas = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (atlas?.formatVersion !== ATLAS_FORMAT_VERSION) {
    fail(`formatVersion ${atlas?.formatVersion}, expected ${ATLAS_FORMAT_VERSION}`);
  }
  if (!Array.isArray(atlas.cells) || atlas.cells.length !== 90) {
    fail(`has ${atlas.cells?.length ?? "no"} cells, expected 90 (every ordered pair of digits)`);
  }
  let at = 0;
  for (let digit = 0; digit < 10; digit++) {
    for (let partner = 0; partner < 10; partner++) {
      if (partner === digit) continue;
      const cell = atlas.cells[at++];
      const ok = cell?.digit === digit && cell.partner === partner &&
        Number.isInteger(cell.count) && cell.count === atlas.count &&
        [cell.successes, cell.holdoutSuccesses].every((n) =>
          Number.isInteger(n) && n >= 0 && n <= cell.count
        ) &&
        isImage(cell.example?.image);
      if (!ok) fail(`cell ${at - 1} is not a valid cell for ${digit} -> ${partner}`);
    }
  }
  return atlas;
}

function isImage(value: unknown): boolean {
  try {
    return typeof value === "string" && atob(value).length === IMAGE_PIXELS;
  } catch {
    return false;
  }
}
