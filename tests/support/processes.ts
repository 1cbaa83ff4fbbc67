/**
 * Helpers for tests that run the server as a second process.
 *
 * @module
 */

/** The repository root, without a trailing slash. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** A `deno task start`-like server process (main.ts) and the port it bound. */
export interface ServerProcess {
  child: Deno.ChildProcess;
  port: number;
  /** Its stderr, as text. */
  stderr: ReadableStreamDefaultReader<string>;
}

/**
 * Starts main.ts on PORT=0 with `env` and reads the port it bound from its
 * "Muddle explorer on http://localhost:PORT/" line: no free-port race with
 * other tests. Throws with its stderr if it exits first or takes over
 * `timeoutMs`.
 */
export async function spawnServer(
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-env", "main.ts"],
    cwd: ROOT,
    env: { ...env, PORT: "0" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  let seen = "";
  try {
    while (true) {
      const { value, done } = await lines.read();
      if (done) break;
      seen += value;
      const port = /Muddle explorer on http:\/\/[^:]+:(\d+)\//.exec(seen)?.[1];
      if (port) {
        // Keep draining stdout so the child never blocks on a full pipe.
        (async () => {
          while (!(await lines.read()).done);
        })().catch(() => {});
        return { child, port: Number(port), stderr };
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const errors: string[] = [];
  while (true) {
    const { value, done } = await stderr.read();
    if (done) break;
    errors.push(value);
  }
  await child.status;
  throw new Error(`main.ts exited before listening; stdout: ${seen}; stderr: ${errors.join("")}`);
}

/** Polls `${base}/api/health` until it answers 200, or throws after `timeoutMs`. */
export async function waitForHealth(base: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${base}/api/health`);
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not answer /api/health within ${timeoutMs} ms`);
}
