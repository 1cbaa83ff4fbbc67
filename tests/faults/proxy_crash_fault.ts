/**
 * `deno task start:proxy` runs two processes, the app and nginx. When either
 * dies, the other must not live on as an orphan that answers 502 or holds the
 * port: start_proxy.ts stops it, says which one died, and exits 1 so that a
 * supervisor restarts the pair (`deno task test:faults`).
 */
import { ok as assert } from "node:assert/strict";
import { waitForHealth } from "../support/processes.ts";
import { freePort, startLogged } from "../support/logged_process.ts";

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

const cases = [
  { victim: "app", pattern: "main.ts", survivor: "nginx", survivorPattern: "nginx" },
  { victim: "nginx", pattern: "nginx", survivor: "app", survivorPattern: "main.ts" },
] as const;

for (const { victim, pattern, survivor, survivorPattern } of cases) {
  Deno.test(`deno task start:proxy: kill -9 of the ${victim} stops the ${survivor}, frees the port, and exits 1`, async () => {
    const port = freePort();
    const base = `http://127.0.0.1:${port}`;
    const proxy = startLogged(`${deno} run -A proxy/start_proxy.ts`, {
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    try {
      await waitForHealth(base, 180_000);
      // Health answers a moment before start:proxy's own check sees it and reports itself ready.
      for (let i = 0; i < 100 && !proxy.log().includes("Muddle via nginx on"); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert(proxy.log().includes("Muddle via nginx on"), `never ready: ${proxy.log()}`);
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
