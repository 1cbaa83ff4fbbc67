/**
 * A Web Worker that trains the reader panel on the second core while the
 * main thread trains the autoencoder (`deno task train`). Message in:
 * {root, seed, limit, evalLimit, dataDir}; message out: {readers: [{name, record, modelJson, weights}]}
 * or {error}. The models are serialised here, so nothing but bytes crosses.
 */
import { layersModelToFiles } from "../lib/artifacts/layers_model_bytes.ts";
import { READER_PANEL } from "../lib/model/reader_panel.ts";
import { initBackend, tfjsWasmDir } from "../lib/kernels/init_backend.ts";
import { firstImages, loadMnist, mnistDataDir } from "./mnist_files.ts";
import { loadIdxDataset } from "./idx_dataset.ts";
import { trainReaders } from "./train_readers.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = async (event: MessageEvent) => {
  const { root, seed, limit, evalLimit, dataDir } = event.data as {
    root: string;
    seed: number;
    limit: number | null;
    evalLimit: number | null;
    dataDir: string | null;
  };
  try {
    await initBackend(tfjsWasmDir(new URL(root)));
    const full = dataDir
      ? await loadIdxDataset(dataDir, null)
      : await loadMnist(mnistDataDir(new URL(root)));
    // As the main thread does: quick runs train and measure on the first images only.
    const count = Math.min(limit ?? full.train.count, full.train.count);
    const data = evalLimit === null
      ? full
      : firstImages(full, Math.max(count, evalLimit), evalLimit);
    const trained = trainReaders(data, READER_PANEL, seed, undefined, limit);
    const readers = [];
    for (const { spec, model, record } of trained) {
      const files = await layersModelToFiles(model);
      model.dispose();
      readers.push({ name: spec.name, record, ...files });
    }
    scope.postMessage({ readers });
  } catch (error) {
    scope.postMessage({ error: (error as Error).message });
  }
  scope.close();
};
