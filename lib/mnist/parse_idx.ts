/** A parsed IDX file: the raw bytes after the header, and its dimensions. */
export interface IdxArray {
  /** Dimensions, first is the item count: [n, 28, 28] for images, [n] for labels. */
  shape: number[];
  /** Unsigned bytes, row-major, a view into the original buffer. */
  data: Uint8Array;
}

/** The magic numbers of the two IDX kinds MNIST uses (unsigned byte data). */
export const IDX_MAGIC = { images: 0x00000803, labels: 0x00000801 } as const;

/**
 * Parses an MNIST IDX file and checks it is what the caller expects.
 *
 * Throws a TypeError or RangeError naming `fileName`, what was found and what
 * was expected, so a truncated or corrupted download is easy to spot.
 */
export function parseIdx(
  bytes: Uint8Array,
  fileName: string,
  expected: { kind: "images" | "labels"; count?: number; rows?: number; cols?: number },
): IdxArray {
  const dims = expected.kind === "images" ? 3 : 1;
  const headerBytes = 4 + 4 * dims;
  if (bytes.byteLength < headerBytes) {
    throw new RangeError(
      `${fileName}: file is ${bytes.byteLength} bytes, too short for an IDX ${expected.kind} header (${headerBytes} bytes expected)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const wantMagic = IDX_MAGIC[expected.kind];
  if (magic !== wantMagic) {
    throw new TypeError(
      `${fileName}: magic number 0x${hex(magic)} is wrong, expected 0x${
        hex(wantMagic)
      } (IDX ${expected.kind})`,
    );
  }
  const shape: number[] = [];
  for (let i = 0; i < dims; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const checks: [string, number, number | undefined][] = [
    ["item count", shape[0], expected.count],
    ["rows", shape[1], expected.rows],
    ["columns", shape[2], expected.cols],
  ];
  for (const [what, found, want] of checks) {
    if (want !== undefined && found !== want) {
      throw new RangeError(`${fileName}: header says ${what} ${found}, expected ${want}`);
    }
  }
  const payload = shape.reduce((a, b) => a * b, 1);
  const actual = bytes.byteLength - headerBytes;
  if (actual !== payload) {
    throw new RangeError(
      `${fileName}: ${actual} data bytes after the header, expected ${payload} for shape [${
        shape.join(", ")
      }]` +
        (actual < payload ? " (file is truncated)" : " (file has trailing bytes)"),
    );
  }
  return { shape, data: bytes.subarray(headerBytes) };
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}
