/**
 * Faults: the server never starts on a half model, and SIGTERM
 * lets in-flight requests finish before the process exits. Each test runs
 * main.ts as a real second process.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { copy } from "./support/copy_dir.ts";
import { ROOT, spawnServer, waitForHealth } from "./support/processes.ts";

// The shipped model, or the one MUDDLE_MODEL_DIR names (as main.ts reads it).
const MODEL_DIR = Deno.env.get("MUDDLE_MODEL_DIR") ?? `${ROOT}/static/model`;
const decoder = new TextDecoder();

/** Runs main.ts over `modelDir` and returns how it ended (killed after 60 s if it keeps serving). */
async function startOn(
  modelDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-env", "main.ts"],
    cwd: ROOT,
    // Port 0: these runs are meant to stop before listening, and must never collide.
    env: { PORT: "0", MUDDLE_MODEL_DIR: modelDir },
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** A temp copy of the shipped model, changed by `damage`; removed afterwards. */
async function withDamagedModel(
  damage: (dir: string) => Promise<void>,
  check: (result: { code: number; stdout: string; stderr: string }) => void,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "muddle_model_" });
  try {
    await copy(MODEL_DIR, dir);
    await damage(dir);
    check(await startOn(dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function refusedNaming(file: string) {
  return (r: { code: number; stdout: string; stderr: string }) => {
    assert(r.code !== 0, `exit code ${r.code}; stderr: ${r.stderr}`);
    assert(r.stderr.includes(file), `stderr does not name ${file}: ${r.stderr}`);
    assert(!r.stdout.includes("http://"), `it started listening: ${r.stdout}`);
  };
}

Deno.test("the server refuses to start, naming the file, when an artifact is missing", async () => {
  await withDamagedModel(
    (dir) => Deno.remove(`${dir}/decoder/weights.bin`),
    refusedNaming("decoder/weights.bin"),
  );
});

Deno.test("the server refuses to start, naming the file, when an artifact is corrupted", async () => {
  await withDamagedModel(async (dir) => {
    const path = `${dir}/test_latents.bin`;
    const bytes = await Deno.readFile(path);
    bytes[1234] ^= 0xff;
    await Deno.writeFile(path, bytes);
  }, refusedNaming("test_latents.bin"));
});

Deno.test("the server refuses to start, naming the file, when an artifact's size mismatches the manifest", async () => {
  await withDamagedModel(async (dir) => {
    const path = `${dir}/judge/model.json`;
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + " ");
  }, refusedNaming("judge/model.json"));
});

Deno.test("the server refuses to start when manifest.json itself is missing", async () => {
  await withDamagedModel(
    (dir) => Deno.remove(`${dir}/manifest.json`),
    refusedNaming("manifest.json"),
  );
});

Deno.test("PORT and HOST are parsed strictly: a bad value stops the server with a message naming it", async () => {
  for (
    const [name, value] of [["PORT", ""], ["PORT", "0x1F96"], ["PORT", "1e3"], ["HOST", "a b"]]
  ) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-read", "--allow-env", "main.ts"],
      cwd: ROOT,
      env: { [name]: value },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = decoder.decode(out.stderr);
    assertEquals(out.code, 2, `${name}=${value}: ${stderr}`);
    assert(stderr.includes(`${name} must be`) && stderr.includes(JSON.stringify(value)), stderr);
  }
});

Deno.test("a port in use gets one clear line and exit 1, no stack trace", async () => {
  const taken = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-read", "--allow-env", "main.ts"],
      cwd: ROOT,
      env: { PORT: String((taken.addr as Deno.NetAddr).port), MUDDLE_MODEL_DIR: MODEL_DIR },
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(120_000),
    }).output();
    const stderr = decoder.decode(out.stderr).trim();
    assertEquals(out.code, 1, stderr);
    assert(
      stderr.endsWith("the port is in use (another server?); choose another with PORT=N"),
      stderr,
    );
    assert(!/\bat \S+:\d+:\d+/.test(stderr), `a stack trace: ${stderr}`);
  } finally {
    taken.close();
  }
});

Deno.test("SIGTERM lets an in-flight request finish, then the process exits", async () => {
  const { child, port, stderr } = await spawnServer();
  let conn: Deno.TcpConn | null = null;
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, 120_000);
    // A request whose body is only half sent is in flight inside the handler.
    const body = new TextEncoder().encode(JSON.stringify({ latent: new Array(10).fill(0.5) }));
    const head =
      `POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n`;
    conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(new TextEncoder().encode(head));
    await conn.write(body.subarray(0, 10));
    // Give the server time to dispatch the request to its handler before the signal.
    await new Promise((r) => setTimeout(r, 1000));
    child.kill("SIGTERM");
    // New requests are turned away while the old one is still being served (polled: a busy
    // machine may take a moment to deliver the signal).
    let late: Response | null = null;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      late = await fetch(`http://127.0.0.1:${port}/api/health`);
      await late.body?.cancel();
      if (late.status === 503) break;
    }
    assertEquals(late?.status, 503);
    assertEquals(late?.headers.get("retry-after"), "1");
    await conn.write(body.subarray(10));
    const chunks: Uint8Array[] = [];
    const buf = new Uint8Array(65536);
    while (true) {
      const n = await conn.read(buf);
      if (n === null) break;
      chunks.push(buf.slice(0, n));
      const text = decoder.decode(concat(chunks));
      const split = text.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? NaN);
      if (split >= 0 && text.length - split - 4 >= length) break;
    }
    const text = decoder.decode(concat(chunks));
    assert(text.startsWith("HTTP/1.1 200"), text.slice(0, 200));
    const json = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
    assertEquals(json.image.length, 784);
    const status = await Promise.race([
      child.status,
      new Promise<null>((r) => setTimeout(() => r(null), 15_000)),
    ]);
    assert(status !== null, "the process did not exit within 15 s of SIGTERM");
    assertEquals(status.code, 0);
  } finally {
    conn?.close();
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
    await child.status;
    await stderr.cancel();
  }
});

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
