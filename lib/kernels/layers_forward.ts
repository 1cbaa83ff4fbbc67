import type { ForwardPass } from "./forward_pass.ts";
import { createFusedNetwork } from "./fused_network.ts";
import { planLayersJson } from "./layers_json_plan.ts";
import { parseLayersModelJson } from "../artifacts/layers_model_json.ts";

/** A LayersModel as its two files' bytes (see lib/artifacts/layers_model_bytes.ts). */
export interface LayersFiles {
  modelJson: Uint8Array;
  weights: Uint8Array;
}

/** A {@link ForwardPass} that also reports the bytes its kernels hold (see FusedNetwork). */
export type LayersForward = ForwardPass & { heldBytes(): number };

/**
 * A forward pass of a tfjs LayersModel straight from `model.json` and
 * `weights.bin`, on the fused kernels and the SIMD GEMM, with no tfjs: what
 * the browser decodes and judges with. Equal to tfjs's predict to float
 * precision (layers_forward_test.ts). `fileName` (the model.json path) names
 * the model in errors; a model the kernels cannot run throws a TypeError.
 */
export function forwardFromLayersFiles(files: LayersFiles, fileName: string): LayersForward {
  const { modelTopology, specs } = parseLayersModelJson(files.modelJson, fileName);
  const plan = planLayersJson(modelTopology, specs, fileName);
  const params = new Float32Array(plan.paramCount);
  const slots = new Map(plan.weights.map((w) => [w.name, w]));
  // weights.bin holds the manifest's weights back to back, float32 little-endian.
  const view = new DataView(
    files.weights.buffer,
    files.weights.byteOffset,
    files.weights.byteLength,
  );
  let at = 0;
  for (const spec of specs) {
    const slot = slots.get(spec.name)!;
    if (at + slot.size * 4 > view.byteLength) {
      throw new RangeError(
        `${fileName}: weights.bin has ${view.byteLength} bytes, too few for weight "${spec.name}"`,
      );
    }
    for (let i = 0; i < slot.size; i++, at += 4) {
      params[slot.offset + i] = view.getFloat32(at, true);
    }
  }
  if (at !== view.byteLength) {
    throw new RangeError(
      `${fileName}: weights.bin has ${view.byteLength} bytes, expected ${at} for its ${specs.length} float32 weights`,
    );
  }
  const network = createFusedNetwork(plan);
  const inSize = plan.inShape.reduce((a, b) => a * b, 1);
  const pass = (input: Float32Array, n: number) => {
    if (!Number.isInteger(n) || n < 1 || input.length !== n * inSize) {
      throw new RangeError(
        `${fileName}: expected ${n} inputs of ${inSize} values, got ${input.length} values`,
      );
    }
    // forward() returns a buffer it reuses, so hand out a copy.
    return network.forward(params, input, n).slice();
  };
  return Object.assign(pass, { heldBytes: () => network.heldBytes() });
}
