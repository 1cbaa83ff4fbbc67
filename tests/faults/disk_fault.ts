/**
 * Training against a full disk and a read-only output (`deno task test:faults`),
 * on small tmpfs mounts: the error names the path, a read-only --out is
 * found before any training, and the run's own temp files are removed.
 * Mounting needs root (CI runs as root); elsewhere these tests are ignored,
 * and say so.
 */
import { ok as assert } from "node:assert/strict";
import { ROOT } from "../support/processes.ts";

function mount(dir: string, options: string): boolean {
  Deno.mkdirSync(dir, { recursive: true });
  const out = new Deno.Command("mount", { args: ["-t", "tmpfs", "-o", options, "tmpfs", dir] })
    .outputSync();
  return out.success;
}

function unmount(dir: string): void {
  new Deno.Command("umount", { args: [dir] }).outputSync();
}

const probe = Deno.makeTempDirSync({ prefix: "muddle_mount_probe_" });
const canMount = mount(probe, "size=64k");
if (canMount) unmount(probe);
Deno.removeSync(probe, { recursive: true });
if (!canMount) console.warn("disk_fault.ts: cannot mount tmpfs here (needs root); ignored");

async function train(out: string) {
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "train/main.ts",
      "--out",
      out,
      "--limit",
      "64",
      "--epochs",
      "1",
      "--judge-epochs",
      "0",
      "--umap-epochs",
      "1",
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(240_000),
  }).output();
  const text = new TextDecoder().decode(result.stdout) + new TextDecoder().decode(result.stderr);
  return { code: result.code, text };
}

function listAll(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    out.push(e.name);
    if (e.isDirectory) out.push(...listAll(`${dir}/${e.name}`).map((n) => `${e.name}/${n}`));
  }
  return out;
}

Deno.test({
  name: "train: a read-only --out is refused before training, naming the folder",
  ignore: !canMount,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "muddle_ro_" });
    assert(mount(dir, "size=64k,ro"));
    try {
      const t0 = performance.now();
      const { code, text } = await train(`${dir}/model`);
      assert(code === 1, text);
      assert(text.includes(`cannot write to ${dir}`) && /read-only file system/i.test(text), text);
      assert(!text.includes("epoch 1:"), `it trained first: ${text}`);
      console.log(`refused after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } finally {
      unmount(dir);
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "train: a full disk names the file being written and leaves no temp files",
  ignore: !canMount,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "muddle_full_" });
    // Room for the write check, not for a checkpoint (~1 MB).
    assert(mount(dir, "size=128k"));
    try {
      const { code, text } = await train(`${dir}/model`);
      assert(code === 1, text);
      assert(/no space left on device/i.test(text), text);
      assert(text.includes(`${dir}/.model.checkpoint/`), `no path in: ${text}`);
      const left = listAll(dir).filter((n) => /tmp-|staging-/.test(n));
      assert(left.length === 0, `left behind: ${left.join(", ")}`);
    } finally {
      unmount(dir);
      await Deno.remove(dir, { recursive: true });
    }
  },
});
