import { deepStrictEqual as assertEquals, strictEqual } from "node:assert/strict";
import { publishDirectory, recoverPublish, siblingPath, writeFileAtomic } from "./atomic_files.ts";

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
