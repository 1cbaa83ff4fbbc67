/** Element types of the binary array artifacts. */
export type ArrayDtype = "float32" | "uint8";

/** The typed array that goes with each dtype. */
export type TypedArrayOf<D extends ArrayDtype> = D extends "float32" ? Float32Array : Uint8Array;

/**
 * Serialises a float32 or uint8 array as little-endian bytes, the form every
 * `*.bin` artifact takes. The shape is not stored: the manifest records it.
 */
export function encodeArray(values: Float32Array | Uint8Array): Uint8Array {
  if (values instanceof Uint8Array) return values.slice();
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/**
 * Reads a `*.bin` artifact back as a typed array of `dtype` with `shape`.
 *
 * Throws a RangeError naming `fileName` when the byte count does not match
 * the shape, so a truncated download is caught before it is used.
 */
export function decodeArray<D extends ArrayDtype>(
  bytes: Uint8Array,
  dtype: D,
  shape: readonly number[],
  fileName: string,
): TypedArrayOf<D> {
  if (dtype !== "float32" && dtype !== "uint8") {
    throw new TypeError(
      `${fileName}: dtype "${dtype}" is not supported, expected float32 or uint8`,
    );
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const itemBytes = dtype === "float32" ? 4 : 1;
  if (bytes.byteLength !== count * itemBytes) {
    throw new RangeError(
      `${fileName}: ${bytes.byteLength} bytes, expected ${count * itemBytes} for ${dtype} [${
        shape.join(", ")
      }]`,
    );
  }
  if (dtype === "uint8") return bytes.slice() as TypedArrayOf<D>;
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out as TypedArrayOf<D>;
}
