import * as tf from "@tensorflow/tfjs";
import { parseLayersModelJson } from "./layers_model_json.ts";

/** A LayersModel as the two files of the tfjs "layers-model" format. */
export interface LayersModelFiles {
  /** `model.json`: topology and a weights manifest pointing at `weights.bin`. */
  modelJson: Uint8Array;
  /** `weights.bin`: every weight, float32 little-endian, in the manifest's order. */
  weights: Uint8Array;
}

/**
 * Serialises `model` to `model.json` + `weights.bin` bytes without touching
 * the file system, so the caller decides how (and how atomically) to write them.
 */
export async function layersModelToFiles(model: tf.LayersModel): Promise<LayersModelFiles> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler((artifacts) => {
    saved = artifacts;
    return Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) });
  }));
  if (!saved?.weightSpecs || !saved.weightData) {
    throw new TypeError(`layers_model_bytes.ts: model "${model.name}" saved no weights`);
  }
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(saved.weightData));
  const json = {
    format: "layers-model",
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: ["weights.bin"], weights: saved.weightSpecs }],
  };
  return { modelJson: new TextEncoder().encode(JSON.stringify(json)), weights };
}

/**
 * Builds a LayersModel from the bytes of `model.json` and `weights.bin`.
 *
 * `fileName` (the model.json path) names the model in errors: a weights file
 * whose size does not match the weights manifest is reported, not loaded.
 */
export async function layersModelFromFiles(
  files: LayersModelFiles,
  fileName: string,
): Promise<tf.LayersModel> {
  const { modelTopology, specs } = parseLayersModelJson(files.modelJson, fileName);
  const expectedBytes = specs.reduce(
    (sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * 4,
    0,
  );
  if (files.weights.byteLength !== expectedBytes) {
    throw new RangeError(
      `${fileName}: weights.bin has ${files.weights.byteLength} bytes, expected ${expectedBytes} for its ${specs.length} float32 weights`,
    );
  }
  const weightData = files.weights.slice().buffer;
  // A NaN weight loads fine and decodes to NaN pixels (JSON null): refuse it here.
  const values = new Float32Array(weightData);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(
        `${fileName}: weights.bin holds a non-finite weight (${
          values[i]
        }) at value ${i}; every weight must be a finite number`,
      );
    }
  }
  return await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology,
    weightSpecs: specs as tf.io.WeightsManifestEntry[],
    weightData,
  }));
}
