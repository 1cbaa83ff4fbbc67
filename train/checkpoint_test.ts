import { deepStrictEqual as assertEquals, rejects, strictEqual, throws } from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  decodeCheckpoint,
  encodeCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
} from "./checkpoint.ts";

const sample = {
  meta: { epoch: 3, history: [{ epoch: 1, testMse: 0.02 }] },
  arrays: [
    { name: "encoder:0", shape: [2, 2], values: new Float32Array([1, -2, 3.5, 1e-9]) },
    { name: "opt:m", shape: [3], values: new Float32Array([0, 0.25, -7]) },
  ],
};

Deno.test("encodeCheckpoint()/decodeCheckpoint() round-trip metadata and arrays", () => {
  assertEquals(decodeCheckpoint(encodeCheckpoint(sample), "c.bin"), sample);
});

/** A checkpoint file with `header` as its header text and a valid checksum. */
function withHeader(header: string): Uint8Array {
  const text = new TextEncoder().encode(header);
  const body = new Uint8Array(8 + 4 + text.length);
  body.set(new TextEncoder().encode("MUDCKPT2"));
  new DataView(body.buffer).setUint32(8, text.length, true);
  body.set(text, 12);
  const out = new Uint8Array(body.length + 32);
  out.set(body);
  out.set(createHash("sha256").update(body).digest(), body.length);
  return out;
}

Deno.test("decodeCheckpoint() names the file when it is truncated, damaged or not a checkpoint", () => {
  const bytes = encodeCheckpoint(sample);
  throws(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4), "c.bin"), {
    name: "RangeError",
    message: /c.bin: checksum does not match/,
  });
  // One flipped bit in a weight is found, not resumed.
  const flipped = bytes.slice();
  flipped[bytes.length - 40] ^= 0x01;
  throws(() => decodeCheckpoint(flipped, "c.bin"), { message: /c.bin: checksum does not match/ });
  throws(() => decodeCheckpoint(withHeader('{"meta":{"epoch":'), "c.bin"), {
    name: "TypeError",
    message: /^c.bin: header is not valid JSON/,
  });
  throws(
    () => decodeCheckpoint(withHeader('{"meta":{},"arrays":[{"name":"x","length":9}]}'), "c.bin"),
    {
      message: /c.bin: truncated in array "x"/,
    },
  );
  throws(() => decodeCheckpoint(new Uint8Array(20), "c.bin"), {
    name: "TypeError",
    message: /c.bin: not a Muddle checkpoint/,
  });
});

Deno.test("saveCheckpoint() replaces the file whole; loadCheckpoint() returns null when absent", async () => {
  const dir = await Deno.makeTempDir();
  try {
    strictEqual(await loadCheckpoint(`${dir}/ckpt`), null);
    await saveCheckpoint(`${dir}/ckpt`, sample);
    await saveCheckpoint(`${dir}/ckpt`, { ...sample, meta: { ...sample.meta, epoch: 4 } });
    assertEquals((await loadCheckpoint<{ epoch: number }>(`${dir}/ckpt`))?.meta.epoch, 4);
    const names = [...Deno.readDirSync(`${dir}/ckpt`)].map((e) => e.name);
    assertEquals(names, ["checkpoint.bin"], "no temp files left behind");
    await Deno.writeFile(`${dir}/ckpt/checkpoint.bin`, new Uint8Array(3));
    await rejects(loadCheckpoint(`${dir}/ckpt`), /not a Muddle checkpoint/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
