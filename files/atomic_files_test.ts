import { deepStrictEqual as assertEquals, strictEqual } from "node:assert/strict";
import {
  checkWritable,
  publishDirectory,
  recoverPublish,
  siblingPath,
  withPath,
  writeFileAtomic,
} from "./atomic_files.ts";
import { ok as assert, rejects } from "node:assert/strict";

async function makeSet(dir: string, label: string, complete = true) {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/data.txt`, label);
  if (complete) await Deno.writeTextFile(`${dir}/manifest.json`, label);
}

Deno.test("publishDirectory() swaps in the new set and removes the old one", async () => {
  const root = await Deno.makeTempDir();
  try {
    const target = `${root}/model`;
    await makeSet(target, "old");
    await makeSet(siblingPath(target, "staging-1"), "new");
    await publishDirectory(siblingPath(target, "staging-1"), target);
    strictEqual(await Deno.readTextFile(`${target}/data.txt`), "new");
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["model"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("recoverPublish() restores a swap killed between its renames, preferring the new set", async () => {
  const root = await Deno.makeTempDir();
  try {
    const target = `${root}/model`;
    await makeSet(siblingPath(target, "old-5"), "old");
    await makeSet(siblingPath(target, "staging-5"), "new");
    await makeSet(siblingPath(target, "staging-9"), "half", false);
    await recoverPublish(target, "manifest.json");
    strictEqual(await Deno.readTextFile(`${target}/data.txt`), "new");
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["model"]);

    // With the target in place, leftovers are only deleted.
    await makeSet(siblingPath(target, "staging-7"), "other");
    await recoverPublish(target, "manifest.json");
    strictEqual(await Deno.readTextFile(`${target}/data.txt`), "new");
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["model"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("writeFileAtomic() replaces a file and leaves no temp file", async () => {
  const root = await Deno.makeTempDir();
  try {
    await writeFileAtomic(`${root}/a.bin`, new Uint8Array([1, 2]));
    await writeFileAtomic(`${root}/a.bin`, new Uint8Array([3]));
    assertEquals(await Deno.readFile(`${root}/a.bin`), new Uint8Array([3]));
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["a.bin"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("writeFileAtomic() names the path and removes its temp file when the write fails", async () => {
  const root = await Deno.makeTempDir();
  try {
    // A folder where the file should go: the final rename fails.
    await Deno.mkdir(`${root}/checkpoint.bin/inside`, { recursive: true });
    await rejects(writeFileAtomic(`${root}/checkpoint.bin`, new Uint8Array(10)), (e: Error) => {
      assert(e.message.includes(`${root}/.checkpoint.bin.tmp-${Deno.pid}`), e.message);
      return true;
    });
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["checkpoint.bin"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("withPath() puts the path in the message and keeps the error's class", async () => {
  await rejects(
    withPath("/data/out", () => Deno.readFile("/nowhere/y")),
    (e: Error) => e instanceof Deno.errors.NotFound && e.message.startsWith("/data/out: "),
  );
});

Deno.test("checkWritable() names a folder that cannot be written, and leaves nothing behind", async () => {
  const root = await Deno.makeTempDir();
  try {
    await checkWritable(`${root}/new/model-parent`);
    assertEquals([...Deno.readDirSync(`${root}/new/model-parent`)], []);
    await Deno.writeTextFile(`${root}/file`, "x");
    await rejects(checkWritable(`${root}/file/sub`), {
      message: new RegExp(`^cannot write to ${root}/file/sub: `),
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
