/**
 * Helpers for tests that run the server as a second process.
 *
 * @module
 */

/** The repository root, without a trailing slash. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
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
