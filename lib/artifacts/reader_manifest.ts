import type { Augmentation, ReaderLayer, ReaderSpec } from "../model/reader_panel.ts";

/**
 * What manifest.json's `readers` section records of one reader; its weights
 * are `readers/<name>/model.json` and `weights.bin`, hashed in `files`.
 */
export interface ReaderRecord {
  family: ReaderSpec["family"];
  /** "panel": consulted by `boundary`; "heldout": only measured against, never consulted. */
  role: ReaderSpec["role"];
  layers: ReaderLayer[];
  augment: Augmentation;
  data: ReaderSpec["data"];
  epochs: number;
  seed: number;
  testAccuracy: number;
  seconds: number;
}

/** The model-directory paths of reader `name`'s two files. */
export function readerFiles(name: string): [modelJson: string, weights: string] {
  return [`readers/${name}/model.json`, `readers/${name}/weights.bin`];
}
