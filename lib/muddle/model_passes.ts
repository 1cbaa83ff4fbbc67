import { loadArtifactFiles, type ReadArtifact } from "../artifacts/load_artifact_files.ts";
import type { ModelManifest } from "../artifacts/manifest.ts";
import { forwardFromLayersFiles, type LayersForward } from "../kernels/layers_forward.ts";
import { fastDecode } from "./decode.ts";
import { ENSEMBLE } from "./from_artifacts.ts";
import { runJudges } from "./judge.ts";
import { sweepPath } from "./sweep_path.ts";
import type { JudgeOutput, PathSweep } from "./types.ts";

/** The decoder and the judge ensemble as forward passes on the project's kernels, no tfjs. */
export interface ModelPasses {
  manifest: ModelManifest;
  latentSize: number;
  /** Packed latents [n * latentSize] -> packed images [n * 784] in 0..1. */
  decode(latents: Float32Array): Float32Array;
  /** Packed images -> each judge's softmax and the ensemble mean. */
  judge(images: Float32Array): JudgeOutput;
  /** Packed images [n * 784] -> packed latents; absent when the encoder cannot run here. */
  encode?(images: Float32Array): Float32Array;
  /** `steps` evenly spaced decodes from `from` to `to`, judged (see sweepPath). */
  sweep(from: ArrayLike<number>, to: ArrayLike<number>, steps: number): PathSweep;
  /** Bytes the kernels hold between calls: constant once warm, so a leak shows as growth. */
  heldBytes(): number;
}

/**
 * Loads the decoder and the judges the engine consults (ENSEMBLE) through
 * the checked loader (sizes and sha256 against the manifest) and runs them
 * on the fused kernels straight from model.json + weights.bin: how the
 * browser decodes and judges, with `fetch` as `readFile`.
 */
export async function loadModelPasses(readFile: ReadArtifact): Promise<ModelPasses> {
  const files = await loadArtifactFiles(readFile, {
    models: ["encoder", "decoder", ...ENSEMBLE],
    centroids: false,
    test: false,
    testImages: false,
  });
  const { manifest, modelFiles } = files;
  const latentSize = manifest.architecture.latentSize;
  const decoder = forwardFromLayersFiles(modelFiles.decoder!, "decoder/model.json");
  const judges = Object.fromEntries(
    ENSEMBLE.map((name) => [name, forwardFromLayersFiles(modelFiles[name]!, `${name}/model.json`)]),
  );
  const decode = (latents: Float32Array) => fastDecode(decoder, latents, latentSize);
  // The encoder serves drawn digits only; one the kernels cannot run leaves them to the server.
  let encoder: LayersForward | null = null;
  try {
    encoder = forwardFromLayersFiles(modelFiles.encoder!, "encoder/model.json");
  } catch { /* no encode */ }
  const judge = (images: Float32Array) => runJudges(judges, images);
  return {
    manifest,
    latentSize,
    decode,
    judge,
    ...(encoder ? { encode: (images: Float32Array) => encoder!(images, images.length / 784) } : {}),
    sweep: (from, to, steps) => sweepPath({ latentSize, decode, judge }, from, to, steps),
    heldBytes: () =>
      [decoder, ...Object.values(judges), ...(encoder ? [encoder] : [])]
        .reduce((sum, pass) => sum + pass.heldBytes(), 0),
  };
}
