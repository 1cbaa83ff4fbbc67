import { convWindow } from "./conv_window.ts";
import type { Activation, NetworkPlan, PlannedOp, TensorSlot } from "./network_plan.ts";

type Config = Record<string, unknown>;
interface LayerJson {
  class_name: string;
  name?: string;
  config: Config;
  inbound_nodes?: unknown[][][];
}

/** A weight as the weights manifest of model.json lists it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype?: string;
}

/**
 * The plan of {@link planNetwork} read straight from a tfjs "layers-model"
 * topology (model.json's `modelTopology`, Keras's snake_case config), with no
 * tfjs at run time: the browser runs the fused kernels from the JSON and the
 * weight bytes. `specs` (the weights manifest) gives each weight's shape,
 * checked against the layer's own sizes; the plan's slots follow layer order.
 *
 * The same layers as planNetwork are supported (a single chain of InputLayer,
 * Conv2D, Conv2DTranspose, Dense, MaxPooling2D, Flatten, Reshape, Activation,
 * Dropout); anything else throws a TypeError naming the layer and `fileName`.
 */
export function planLayersJson(
  topology: unknown,
  specs: WeightSpec[],
  fileName: string,
): NetworkPlan<TensorSlot> {
  const fail = (what: string): never => {
    throw new TypeError(`${fileName}: ${what}`);
  };
  const top = topology as { class_name?: string; config?: { layers?: LayerJson[] } };
  const layers = top?.config?.layers;
  if (!Array.isArray(layers) || (top.class_name !== "Model" && top.class_name !== "Sequential")) {
    return fail("expected a Sequential or Model topology with a list of layers");
  }
  const byName = new Map(specs.map((s) => [s.name, s]));
  const ops: PlannedOp<TensorSlot>[] = [];
  const weights: TensorSlot[] = [];
  let offset = 0;
  let current: number[] | null = null;
  let inShape: number[] | null = null;
  let previous: string | null = null;
  const slot = (name: string, shape: number[], where: string): TensorSlot => {
    const spec = byName.get(name) ?? fail(`${where} has no weight "${name}" in the manifest`);
    if (String(spec.shape) !== String(shape) || (spec.dtype ?? "float32") !== "float32") {
      fail(
        `${where}: weight "${name}" is ${spec.dtype} [${spec.shape}], expected float32 [${shape}]`,
      );
    }
    const s = { name, shape, offset, size: shape.reduce((a, b) => a * b, 1) };
    offset += s.size;
    weights.push(s);
    return s;
  };
  for (const layer of layers) {
    const cls = layer.class_name;
    const config = layer.config ?? {};
    const name = String(config.name ?? layer.name);
    const where = `layer "${name}" (${cls})`;
    if (top.class_name === "Model") {
      const parents = (layer.inbound_nodes ?? []).flatMap((node) => node.map((edge) => edge[0]));
      const ok = cls === "InputLayer" ? parents.length === 0 : parents.length === 1 &&
        (previous === null || parents[0] === previous);
      if (!ok) fail(`${where} is not part of a single chain`);
    }
    previous = name;
    const declared = config.batch_input_shape as (number | null)[] | undefined;
    if (declared) {
      if (inShape) fail(`${where} declares an input but is not the first layer`);
      inShape = current = declared.slice(1) as number[];
    }
    if (cls === "InputLayer") continue;
    if (!current) return fail(`${where} comes before any input shape`);
    for (
      const key of [
        "kernel_regularizer",
        "bias_regularizer",
        "activity_regularizer",
        "kernel_constraint",
        "bias_constraint",
      ]
    ) {
      if (config[key] != null) fail(`${where} has a ${key}, which is not supported`);
    }
    if (config.data_format !== undefined && config.data_format !== "channels_last") {
      fail(`${where} uses ${config.data_format}, only channels_last is supported`);
    }
    const base = { name, inShape: current };
    const bias = (units: number) =>
      config.use_bias === false ? null : slot(`${name}/bias`, [units], where);
    let outShape: number[];
    if (cls === "Conv2D" || cls === "Conv2DTranspose") {
      if (current.length !== 3) fail(`${where} needs an [h, w, c] input, got [${current}]`);
      const [h, w, c] = current;
      const filters = Number(config.filters);
      const [kh, kw] = pair(config.kernel_size, where, fail);
      const strides = pair(config.strides ?? 1, where, fail);
      const dilations = pair(config.dilation_rate ?? 1, where, fail);
      const pad = padding(config.padding, where, fail);
      // tfjs keeps a transposed kernel as [h, w, out channels, in channels].
      const filterShape: [number, number, number, number] = cls === "Conv2D"
        ? [kh, kw, c, filters]
        : [kh, kw, filters, c];
      const kernel = slot(`${name}/kernel`, filterShape, where);
      if (cls === "Conv2D") {
        const out = convWindow([h, w], [kh, kw], strides, dilations, pad);
        outShape = [out.outHeight, out.outWidth, filters];
      } else {
        // tfjs's deconvLength: "valid" also adds what the kernel reaches past the last stride.
        const grow = (size: number, k: number, s: number) =>
          size * s + (pad === "valid" ? Math.max(k - s, 0) : 0);
        outShape = [grow(h, kh, strides[0]), grow(w, kw, strides[1]), filters];
      }
      ops.push({
        ...base,
        outShape,
        kind: cls === "Conv2D" ? "conv2d" : "conv2dTranspose",
        kernel,
        bias: bias(filters),
        filterShape,
        strides,
        dilations,
        padding: pad,
        activation: activation(config.activation, where, fail),
      });
    } else if (cls === "Dense") {
      if (current.length !== 1) fail(`${where} needs a flat input, got [${current}]`);
      const units = Number(config.units);
      outShape = [units];
      ops.push({
        ...base,
        outShape,
        kind: "dense",
        kernel: slot(`${name}/kernel`, [current[0], units], where),
        bias: bias(units),
        activation: activation(config.activation, where, fail),
      });
    } else if (cls === "MaxPooling2D") {
      if (current.length !== 3) fail(`${where} needs an [h, w, c] input, got [${current}]`);
      const poolSize = pair(config.pool_size, where, fail);
      const strides = pair(config.strides ?? config.pool_size, where, fail);
      const pad = padding(config.padding, where, fail);
      const out = convWindow([current[0], current[1]], poolSize, strides, [1, 1], pad);
      outShape = [out.outHeight, out.outWidth, current[2]];
      ops.push({ ...base, outShape, kind: "maxPool", poolSize, strides, padding: pad });
    } else if (cls === "Activation") {
      outShape = current;
      ops.push({
        ...base,
        outShape,
        kind: "activation",
        activation: activation(config.activation, where, fail),
      });
    } else if (cls === "Flatten" || cls === "Reshape" || cls === "Dropout") {
      const size = current.reduce((a, b) => a * b, 1);
      outShape = cls === "Flatten"
        ? [size]
        : cls === "Dropout"
        ? current
        : reshaped(config.target_shape, size, where, fail);
      ops.push({ ...base, outShape, kind: "reshape" });
    } else {
      return fail(`${where} is not supported by the fused kernels`);
    }
    current = outShape;
  }
  if (!inShape || !current) return fail("the topology has no input shape");
  if (weights.length !== specs.length) {
    fail(`the manifest lists ${specs.length} weights, the layers use ${weights.length}`);
  }
  return { ops, weights, paramCount: offset, inShape, outShape: current };
}

type Fail = (what: string) => never;

function pair(v: unknown, where: string, fail: Fail): [number, number] {
  if (typeof v === "number") return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every(Number.isInteger)) return [v[0], v[1]];
  return fail(`${where} has an unexpected size/stride ${JSON.stringify(v)}`);
}

function padding(v: unknown, where: string, fail: Fail): "same" | "valid" {
  if (v === "same" || v === "valid") return v;
  return fail(`${where} has padding ${JSON.stringify(v)}, expected "same" or "valid"`);
}

function activation(v: unknown, where: string, fail: Fail): Activation {
  const name = v ?? "linear";
  if (
    name === "linear" || name === "relu" || name === "sigmoid" || name === "tanh" ||
    name === "softmax"
  ) return name;
  return fail(`${where} has activation ${JSON.stringify(v)}, which is not supported`);
}

function reshaped(v: unknown, size: number, where: string, fail: Fail): number[] {
  if (!Array.isArray(v) || !v.every(Number.isInteger)) {
    return fail(`${where} has target_shape ${JSON.stringify(v)}, expected a list of sizes`);
  }
  const known = v.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const shape = v.map((d) => d === -1 ? size / known : d);
  if (shape.reduce((a, b) => a * b, 1) !== size || !shape.every(Number.isInteger)) {
    fail(`${where} cannot reshape ${size} values to [${v}]`);
  }
  return shape;
}
