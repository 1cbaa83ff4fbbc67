import type { ReaderRecord } from "../lib/artifacts/reader_manifest.ts";

/** One reader as the worker sends it back: its manifest record and its two files. */
export interface SerializedReader {
  name: string;
  record: ReaderRecord;
  modelJson: Uint8Array;
  weights: Uint8Array;
}

/**
 * Starts training the reader panel in a Web Worker (readers_worker.ts) and
 * returns its result as a promise, so the caller can train the autoencoder
 * on the main thread meanwhile: the panel costs about 3 minutes of one core.
 * `projectRoot` is the repository root as a file URL ending in "/"; `dataDir`
 * is train's --data folder (null: MNIST), so the readers learn the same classes.
 */
export function trainReadersInWorker(
  projectRoot: URL,
  seed: number,
  limit: number | null,
  evalLimit: number | null = null,
  dataDir: string | null = null,
): { result: Promise<SerializedReader[]>; terminate(): void } {
  const worker = new Worker(new URL("./readers_worker.ts", import.meta.url).href, {
    type: "module",
  });
  const result = new Promise<SerializedReader[]>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent) => {
      const message = event.data as { readers?: SerializedReader[]; error?: string };
      if (message.readers) resolve(message.readers);
      else reject(new Error(`reader training failed: ${message.error}`));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`reader training failed: ${event.message}`));
    };
  });
  worker.postMessage({ root: projectRoot.href, seed, limit, evalLimit, dataDir });
  return { result, terminate: () => worker.terminate() };
}
