/**
 * A shell command run as a second process with its output collected, for the
 * fault tests that start `deno task start` or `deno task start:proxy` and
 * then read what they logged.
 *
 * @module
 */
import { ROOT } from "./processes.ts";

/** A running command, what it has printed so far, and a way to stop it. */
export interface LoggedProcess {
  child: Deno.ChildProcess;
  /** Its stdout and stderr so far, interleaved as they arrived. */
  log(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves with how it ended once its output is drained (5 s at most). */
  end(): Promise<Deno.CommandStatus>;
}

/**
 * Runs `command` in bash from the repository root, under `ulimit -n nofile`
 * when given. `exec` keeps the pid the command's own, so signals reach it.
 */
export function startLogged(
  command: string,
  vars: Record<string, string>,
  nofile?: number,
): LoggedProcess {
  const limit = nofile === undefined ? "" : `ulimit -n ${nofile} && `;
  const child = new Deno.Command("bash", {
    args: ["-c", `${limit}exec ${command}`],
    cwd: ROOT,
    env: vars,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let log = "";
  const decoder = new TextDecoder();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) log += decoder.decode(chunk);
  };
  const collected = Promise.all([collect(child.stdout), collect(child.stderr)]);
  return {
    child,
    log: () => log,
    async end(): Promise<Deno.CommandStatus> {
      try {
        child.kill("SIGTERM");
      } catch { /* exited */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* exited */ }
      }, 15_000);
      const status = await child.status;
      clearTimeout(timer);
      // A descendant that outlived it may hold its pipes open: wait a little, not forever.
      let drained: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        collected,
        new Promise((r) => (drained = setTimeout(r, 5_000))),
      ]);
      clearTimeout(drained);
      return status;
    },
  };
}

/** A port that was free a moment ago, for nginx, which cannot report one it picked. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
