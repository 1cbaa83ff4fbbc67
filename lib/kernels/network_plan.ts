import type * as tf from "@tensorflow/tfjs";

/** Activations the fused network implements (softmax only as a last layer with cross-entropy). */
export type Activation = "linear" | "relu" | "sigmoid" | "tanh" | "softmax";

/** One weight tensor of a layer, placed in the flat parameter array. */
export interface TensorSlot {
  /** The tfjs weight name, e.g. "enc_conv1/kernel". */
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

/** A {@link TensorSlot} of a live tfjs layer. */
export interface WeightSlot extends TensorSlot {
  /** The layer's own variable: read and written to keep the LayersModel current. */
  variable: tf.LayerVariable;
}

/**
 * A layer of the chain, with per-sample shapes [h, w, c] or [n]; `S` is how
 * weights are held (live tfjs variables by default, or plain slots).
 */
export type PlannedOp<S extends TensorSlot = WeightSlot> =
  | {
    kind: "conv2d" | "conv2dTranspose";
    name: string;
    inShape: number[];
    outShape: number[];
    kernel: S;
    bias: S | null;
    filterShape: [number, number, number, number];
    strides: [number, number];
    dilations: [number, number];
    padding: "same" | "valid";
    activation: Activation;
  }
  | {
    kind: "dense";
    name: string;
    inShape: number[];
    outShape: number[];
    kernel: S;
    bias: S | null;
    activation: Activation;
  }
  | {
    kind: "maxPool";
    name: string;
    inShape: number[];
    outShape: number[];
    poolSize: [number, number];
    strides: [number, number];
    padding: "same" | "valid";
  }
  | {
    kind: "activation";
    name: string;
    inShape: number[];
    outShape: number[];
    activation: Activation;
  }
  | { kind: "reshape"; name: string; inShape: number[]; outShape: number[] };

/** A chain of layers, ready for the fused forward/backward pass. */
export interface NetworkPlan<S extends TensorSlot = WeightSlot> {
  ops: PlannedOp<S>[];
  weights: S[];
  paramCount: number;
  inShape: number[];
  outShape: number[];
}

type Config = Record<string, unknown>;

/**
 * Reads one or more tfjs LayersModels whose layers form a single chain (the
 * output of each model feeding the next, as encoder then decoder) into a
 * plan of ops with their per-sample shapes and the place of every weight in
 * one flat parameter array.
 *
 * Supported layers: InputLayer, Conv2D, Conv2DTranspose, Dense, MaxPooling2D,
 * Flatten, Reshape, Activation, and Dropout (an identity here: the fused
 * trainer does not drop). Anything else, a branch, channelsFirst data, or a
 * regulariser or constraint (which the fused trainer would silently skip)
 * throws a TypeError naming the layer.
 */
export function planNetwork(models: tf.LayersModel[]): NetworkPlan {
  if (models.length === 0) throw new TypeError("planNetwork: no models given");
  const ops: PlannedOp[] = [];
  const weights: WeightSlot[] = [];
  let offset = 0;
  let current: number[] | null = null;
  let inShape: number[] | null = null;
  const slot = (variable: tf.LayerVariable | null | undefined): WeightSlot | null => {
    if (!variable) return null;
    const shape = variable.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const s = { name: variable.originalName ?? variable.name, shape, offset, size, variable };
    offset += size;
    weights.push(s);
    return s;
  };
  for (const model of models) {
    if (model.inputs.length !== 1 || model.outputs.length !== 1) {
      throw new TypeError(`planNetwork: model "${model.name}" must have one input and one output`);
    }
    // null: the first layer must hang off an InputLayer (a Sequential model does not list it).
    let previous: tf.layers.Layer | null = null;
    const modelIn = (model.inputs[0].shape as (number | null)[]).slice(1) as number[];
    if (current && current.join() !== modelIn.join()) {
      throw new TypeError(
        `planNetwork: model "${model.name}" expects [${modelIn}] but the previous model gives [${current}]`,
      );
    }
    inShape ??= modelIn;
    current = modelIn;
    for (const layer of model.layers) {
      const cls = layer.getClassName();
      const config = layer.getConfig() as Config;
      const where = `layer "${layer.name}" (${cls}) of model "${model.name}"`;
      const inbound = (layer as unknown as { inboundNodes: { inboundLayers: tf.layers.Layer[] }[] })
        .inboundNodes;
      const parents = inbound[0]?.inboundLayers ?? [];
      const parentOk = parents.length === 1 &&
        (previous ? parents[0] === previous : parents[0].getClassName() === "InputLayer");
      if (cls !== "InputLayer" && !parentOk) {
        throw new TypeError(`planNetwork: ${where} is not part of a single chain`);
      }
      previous = layer;
      const outShape = (layer.outputShape as (number | null)[]).slice(1) as number[];
      if (cls === "InputLayer") {
        previous = null;
        continue;
      }
      for (
        const key of [
          "kernelRegularizer",
          "biasRegularizer",
          "activityRegularizer",
          "kernelConstraint",
          "biasConstraint",
        ]
      ) {
        if (config[key] != null) {
          throw new TypeError(`planNetwork: ${where} has a ${key}, which is not supported`);
        }
      }
      if (config.dataFormat !== undefined && config.dataFormat !== "channelsLast") {
        throw new TypeError(
          `planNetwork: ${where} uses ${config.dataFormat}, only channelsLast is supported`,
        );
      }
      const base = { name: layer.name, inShape: current!, outShape };
      const [kernelVar, biasVar] = layer.trainableWeights;
      if (cls === "Conv2D" || cls === "Conv2DTranspose") {
        const kernel = slot(kernelVar)!;
        ops.push({
          ...base,
          kind: cls === "Conv2D" ? "conv2d" : "conv2dTranspose",
          kernel,
          bias: slot(biasVar),
          filterShape: kernel.shape as [number, number, number, number],
          strides: pair(config.strides, where),
          dilations: pair(config.dilationRate ?? 1, where),
          padding: padding(config.padding, where),
          activation: activation(config.activation, where),
        });
      } else if (cls === "Dense") {
        if (current!.length !== 1) {
          throw new TypeError(`planNetwork: ${where} needs a flat input, got [${current}]`);
        }
        ops.push({
          ...base,
          kind: "dense",
          kernel: slot(kernelVar)!,
          bias: slot(biasVar),
          activation: activation(config.activation, where),
        });
      } else if (cls === "MaxPooling2D") {
        ops.push({
          ...base,
          kind: "maxPool",
          poolSize: pair(config.poolSize, where),
          strides: pair(config.strides ?? config.poolSize, where),
          padding: padding(config.padding, where),
        });
      } else if (cls === "Activation") {
        ops.push({ ...base, kind: "activation", activation: activation(config.activation, where) });
      } else if (cls === "Flatten" || cls === "Reshape" || cls === "Dropout") {
        ops.push({ ...base, kind: "reshape" });
      } else {
        throw new TypeError(`planNetwork: ${where} is not supported by the fused trainer`);
      }
      current = outShape;
    }
  }
  return { ops, weights, paramCount: offset, inShape: inShape!, outShape: current! };
}

function pair(v: unknown, where: string): [number, number] {
  if (typeof v === "number") return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every(Number.isInteger)) return [v[0], v[1]];
  throw new TypeError(`planNetwork: ${where} has an unexpected size/stride ${JSON.stringify(v)}`);
}

function padding(v: unknown, where: string): "same" | "valid" {
  if (v === "same" || v === "valid") return v;
  throw new TypeError(
    `planNetwork: ${where} has padding ${JSON.stringify(v)}, expected "same" or "valid"`,
  );
}

function activation(v: unknown, where: string): Activation {
  const name = v ?? "linear";
  if (
    name === "linear" || name === "relu" || name === "sigmoid" || name === "tanh" ||
    name === "softmax"
  ) return name;
  throw new TypeError(
    `planNetwork: ${where} has activation ${JSON.stringify(v)}, which is not supported`,
  );
}
