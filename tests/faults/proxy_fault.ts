/**
 * `deno task start:proxy` in front of the app (`deno task test:faults`, which
 * has nginx):
 * - uploads pass through nginx as they reach the app alone: an image of any
 *   size up to the app's limit, and the app's own JSON answer past it;
 * - the app and nginx live and die together. When either dies, the other must
 *   not live on as an orphan that answers 502 or holds the port: start_proxy.ts
 *   stops it, says which one died, and exits 1 so that a supervisor restarts
 *   the pair.
 */
import { ok as assert } from "node:assert/strict";
import { waitForHealth } from "../support/processes.ts";
import { freePort, type LoggedProcess, startLogged } from "../support/logged_process.ts";
import { encodeGrayPng } from "../../lib/image/png.ts";
import { renderNginxConfig } from "../../proxy/start_proxy.ts";

const deno = Deno.execPath();

/** The pids of `parent`'s direct children whose command line contains `pattern`, read from /proc. */
async function childPids(parent: number, pattern: string): Promise<number[]> {
  const pids: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      // stat is "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
      const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`);
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== parent) continue;
      const cmdline = (await Deno.readTextFile(`/proc/${entry.name}/cmdline`)).replaceAll(
        "\0",
        " ",
      );
      if (cmdline.includes(pattern)) pids.push(Number(entry.name));
    } catch {
      // The process ended while it was being read.
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

async function answers(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Starts start:proxy on a free port and waits until it reports itself ready. */
async function startProxy(): Promise<{ proxy: LoggedProcess; base: string; port: number }> {
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const proxy = startLogged(`${deno} run -A proxy/start_proxy.ts`, {
    PORT: String(port),
    HOST: "127.0.0.1",
  });
  await waitForHealth(base, 180_000);
  // Health answers a moment before start:proxy's own check sees it and reports itself ready.
  for (let i = 0; i < 100 && !proxy.log().includes("Muddle via nginx on"); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert(proxy.log().includes("Muddle via nginx on"), `never ready: ${proxy.log()}`);
  return { proxy, base, port };
}

Deno.test("deno task start:proxy passes a large image upload through, and answers too large ones in JSON", async () => {
  const { proxy, base } = await startProxy();
  try {
    // A 400 x 400 photo-like PNG (noise around a cross) of about 80 KB: nginx buffers a body
    // this size on disk, where its unprivileged workers must be able to write.
    const side = 400;
    const data = new Uint8Array(side * side);
    let state = 7;
    for (let i = 0; i < data.length; i++) {
      const [x, y] = [i % side, Math.floor(i / side)];
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      data[i] = Math.abs(x - 200) < 60 || Math.abs(y - 200) < 60 ? state >>> 24 : 0;
    }
    const png = encodeGrayPng({ width: side, height: side, data });
    assert(png.length > 64 * 1024, `the test image is only ${png.length} bytes`);
    const post = (body: Uint8Array<ArrayBuffer>) =>
      fetch(`${base}/api/encode`, {
        method: "POST",
        headers: { "content-type": "image/png" },
        body,
      });
    const ok = await post(png);
    const answer = await ok.json();
    assert(ok.status === 200, `${ok.status} ${JSON.stringify(answer)}`);
    assert(answer.latent.length > 0, JSON.stringify(answer).slice(0, 200));
    // Past the app's 2 MB, and past nginx's own cap: JSON either way, saying what is allowed.
    for (const bytes of [2 * 1024 * 1024 + 1, 8 * 1024 * 1024]) {
      const big = await post(new Uint8Array(bytes));
      const text = await big.text();
      assert(big.status === 413, `${bytes} bytes: ${big.status} ${text.slice(0, 200)}`);
      assert(big.headers.get("content-type")?.includes("application/json"), text.slice(0, 200));
      assert(/larger than/.test(JSON.parse(text).error), text);
    }
  } finally {
    await proxy.end();
  }
});

Deno.test("nginx's own refusals are JSON too: 502 while the app is away", async () => {
  // nginx alone, with proxy/nginx.conf pointing at a port where nothing listens.
  const prefix = await Deno.makeTempDir({ prefix: "muddle_nginx_test_" });
  await Deno.chmod(prefix, 0o711);
  const port = freePort();
  const config = renderNginxConfig(await Deno.readTextFile("proxy/nginx.conf"), {
    PREFIX: prefix,
    PORT: port,
    HOST: "127.0.0.1",
    APP_PORT: freePort(),
    WORKER_CONNECTIONS: 64,
    NOFILE: 1024,
    HEADER_TIMEOUT: "1s",
    PER_IP_CONNECTIONS: 16,
    MAX_BODY: 4096,
  });
  await Deno.writeTextFile(`${prefix}/nginx.conf`, config);
  const nginx = startLogged(`nginx -p ${prefix} -c ${prefix}/nginx.conf`, {});
  try {
    let res: Response | null = null;
    for (let i = 0; i < 50 && !res; i++) {
      res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (!res) await new Promise((r) => setTimeout(r, 100));
    }
    assert(res, `nginx did not answer: ${nginx.log()}`);
    const text = await res.text();
    assert(res.status === 502, `${res.status} ${text}`);
    assert(res.headers.get("content-type")?.includes("application/json"), text);
    assert(/not answering/.test(JSON.parse(text).error), text);
  } finally {
    await nginx.end();
    await Deno.remove(prefix, { recursive: true });
  }
});

const cases = [
  { victim: "app", pattern: "main.ts", survivor: "nginx", survivorPattern: "nginx" },
  { victim: "nginx", pattern: "nginx", survivor: "app", survivorPattern: "main.ts" },
] as const;

for (const { victim, pattern, survivor, survivorPattern } of cases) {
  Deno.test(`deno task start:proxy: kill -9 of the ${victim} stops the ${survivor}, frees the port, and exits 1`, async () => {
    const { proxy, base, port } = await startProxy();
    try {
      const [target] = await childPids(proxy.child.pid, pattern);
      const [other] = await childPids(proxy.child.pid, survivorPattern);
      assert(target && other, `children not found: ${proxy.log()}`);
      Deno.kill(target, "SIGKILL");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const status = await Promise.race([
        proxy.child.status,
        new Promise<null>((r) => (timer = setTimeout(() => r(null), 30_000))),
      ]);
      clearTimeout(timer);
      assert(status !== null, `start:proxy still running 30 s after the ${victim} died`);
      assert(status.code === 1, `exit ${status.code}: ${proxy.log()}`);
      assert(
        proxy.log().includes(`${victim} exited with status`),
        `no word of the ${victim}: ${proxy.log()}`,
      );
      assert(!alive(other), `the ${survivor} (pid ${other}) outlived start:proxy`);
      assert(!(await answers(base)), `port ${port} still answers`);
    } finally {
      await proxy.end();
    }
  });
}
