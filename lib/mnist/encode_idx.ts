import { IDX_MAGIC } from "./parse_idx.ts";

/**
 * Encodes unsigned bytes as an MNIST IDX file: images with shape [n, rows,
 * cols] or labels with shape [n], big-endian header as parseIdx() reads it.
 */
export function encodeIdx(
  kind: "images" | "labels",
  data: Uint8Array,
  shape: number[],
): Uint8Array {
  const dims = kind === "images" ? 3 : 1;
  if (shape.length !== dims || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`encodeIdx: ${kind} need a shape of ${dims} sizes, got [${shape}]`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new RangeError(`encodeIdx: shape [${shape}] needs ${size} bytes, got ${data.length}`);
  }
  const header = 4 + 4 * dims;
  const bytes = new Uint8Array(header + size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, IDX_MAGIC[kind], false);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  bytes.set(data, header);
  return bytes;
}
