import { createHash } from "node:crypto";
import { join } from "node:path";
import { writeFileAtomic } from "../files/atomic_files.ts";

/** A float32 array with its shape, as a checkpoint stores weights and optimiser slots. */
export interface NamedArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A checkpoint: JSON-able metadata plus named float32 arrays. */
export interface Checkpoint<Meta> {
  meta: Meta;
  arrays: NamedArray[];
}

// Version 2 adds the checksum trailer; version 1 files are refused with a message.
const MAGIC = "MUDCKPT2";
const OLD_MAGIC = "MUDCKPT1";
const CHECKSUM_BYTES = 32;
/** File name of the checkpoint inside its directory. */
export const CHECKPOINT_FILE = "checkpoint.bin";

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}

/**
 * Serialises a checkpoint to one buffer: magic, header length, a JSON header
 * (metadata and array shapes), the arrays as float32 little-endian, and the
 * sha256 of everything before it, so that a flipped byte is found, not resumed.
 */
export function encodeCheckpoint<Meta>(checkpoint: Checkpoint<Meta>): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({
    meta: checkpoint.meta,
    arrays: checkpoint.arrays.map(({ name, shape, values }) => ({
      name,
      shape,
      length: values.length,
    })),
  }));
  const total = checkpoint.arrays.reduce((sum, a) => sum + a.values.length * 4, 0);
  const out = new Uint8Array(MAGIC.length + 4 + header.length + total + CHECKSUM_BYTES);
  out.set(new TextEncoder().encode(MAGIC));
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  let offset = MAGIC.length + 4 + header.length;
  for (const { values } of checkpoint.arrays) {
    for (let i = 0; i < values.length; i++, offset += 4) view.setFloat32(offset, values[i], true);
  }
  out.set(sha256(out.subarray(0, offset)), offset);
  return out;
}

/**
 * Reads a buffer written by encodeCheckpoint; `fileName` names it in every
 * error (bad magic, checksum, header, truncation).
 */
export function decodeCheckpoint<Meta>(bytes: Uint8Array, fileName: string): Checkpoint<Meta> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic === OLD_MAGIC) {
    throw new TypeError(
      `${fileName}: a checkpoint of an older format (${OLD_MAGIC}, no checksum); start again without --resume`,
    );
  }
  if (magic !== MAGIC || bytes.byteLength < MAGIC.length + 4 + CHECKSUM_BYTES) {
    throw new TypeError(`${fileName}: not a Muddle checkpoint (expected magic ${MAGIC})`);
  }
  const body = bytes.subarray(0, bytes.byteLength - CHECKSUM_BYTES);
  const stored = bytes.subarray(body.byteLength);
  if (!sha256(body).every((b, i) => b === stored[i])) {
    throw new RangeError(
      `${fileName}: checksum does not match its contents (the file is damaged); start again without --resume`,
    );
  }
  const headerLength = view.getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4;
  if (start + headerLength > body.byteLength) {
    throw new RangeError(
      `${fileName}: header of ${headerLength} bytes runs past the end of the file`,
    );
  }
  let header: { meta: Meta; arrays: Array<{ name: string; shape: number[]; length: number }> };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + headerLength)));
  } catch (error) {
    throw new TypeError(`${fileName}: header is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(header?.arrays) || typeof header.meta !== "object" || header.meta === null) {
    throw new TypeError(`${fileName}: header has no meta and arrays`);
  }
  let offset = start + headerLength;
  const arrays: NamedArray[] = [];
  for (const { name, shape, length } of header.arrays) {
    if (!Number.isSafeInteger(length) || length < 0 || offset + length * 4 > body.byteLength) {
      throw new RangeError(`${fileName}: truncated in array "${name}" (expected ${length} floats)`);
    }
    const values = new Float32Array(length);
    for (let i = 0; i < length; i++, offset += 4) values[i] = view.getFloat32(offset, true);
    arrays.push({ name, shape, values });
  }
  if (offset !== body.byteLength) {
    throw new RangeError(
      `${fileName}: ${body.byteLength - offset} trailing bytes after the arrays`,
    );
  }
  return { meta: header.meta, arrays };
}

/** Writes the checkpoint atomically into `dir` (created if needed). */
export async function saveCheckpoint<Meta>(
  dir: string,
  checkpoint: Checkpoint<Meta>,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, CHECKPOINT_FILE), encodeCheckpoint(checkpoint));
}

/** Loads the checkpoint in `dir`, or returns null when there is none. */
export async function loadCheckpoint<Meta>(dir: string): Promise<Checkpoint<Meta> | null> {
  const path = join(dir, CHECKPOINT_FILE);
  try {
    return decodeCheckpoint<Meta>(await Deno.readFile(path), path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
