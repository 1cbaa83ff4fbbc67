/**
 * `deno task start:proxy`: the production setup. Runs the app (main.ts) on
 * an internal port of 127.0.0.1 and Debian's nginx in front of it on PORT
 * (default 8000) and HOST (default 0.0.0.0), with proxy/nginx.conf: header
 * and idle timeouts, a connection budget, and a small keep-alive pool to the
 * app. An idle-connection flood then meets nginx, which times it out, and
 * never reaches the app's file descriptors.
 *
 * Environment: PORT, HOST; APP_PORT (internal port; default 0, the app picks one);
 * MUDDLE_PROXY_CONNECTIONS (most connections nginx holds, default 4096, and
 * never more than the descriptor limit allows, less 64 for its own files);
 * MUDDLE_PROXY_HEADER_TIMEOUT (seconds a client has to send its headers,
 * default 1);
 * MUDDLE_PROXY_PER_IP (connections per client address, default 2048);
 * the app's own variables (docs/hardening.md) pass through.
 * SIGTERM/SIGINT stop both gracefully; if either dies, the other is stopped
 * (nginx with all its workers) and the process exits 1, for a supervisor to
 * restart it.
 */
import { integerSetting, parseHost, parsePort, serveSettings } from "../server/serve_env.ts";
import { MAX_IMAGE_BYTES } from "../routes/api/_image_body.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

const integerEnv = (name: string, fallback: number, min: number, max: number) =>
  integerSetting((key) => Deno.env.get(key), name, fallback, min, max);

/** This process's soft limit on open files (`ulimit -n`), inherited by nginx. */
async function descriptorLimit(): Promise<number> {
  const out = await new Deno.Command("bash", { args: ["-c", "ulimit -n"], stdout: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout).trim();
  return text === "unlimited" ? 1_000_000 : Number(text) || 1024;
}

/**
 * Copies the app's stdout through, and resolves with the port it reports
 * ("Muddle explorer on http://127.0.0.1:PORT/"): started on port 0, the app
 * picks a free port itself, so no other process can take it in between.
 */
function reportedPort(stdout: ReadableStream<Uint8Array>): Promise<number> {
  return new Promise((resolve, reject) => {
    let found = false;
    let text = "";
    const decoder = new TextDecoder();
    (async () => {
      for await (const bytes of stdout) {
        await Deno.stdout.write(bytes);
        if (found) continue;
        text += decoder.decode(bytes, { stream: true });
        const m = /Muddle explorer on http:\/\/[^/\s]+:(\d+)\//.exec(text);
        if (m) {
          found = true;
          resolve(Number(m[1]));
        }
      }
      if (!found) reject(new Error("the app ended before it reported its port"));
    })().catch(reject);
  });
}

/** Fills proxy/nginx.conf's {{NAME}} placeholders; an unknown one is an error. */
export function renderNginxConfig(
  template: string,
  values: Record<string, string | number>,
): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new RangeError(`nginx.conf names {{${name}}}, which has no value`);
    return String(values[name]);
  });
}

async function waitForApp(port: number, app: Deno.ChildProcess, timeoutMs: number): Promise<void> {
  let exited: Deno.CommandStatus | null = null;
  app.status.then((s) => (exited = s));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exited) {
      throw new Error(
        `the app exited with status ${(exited as Deno.CommandStatus).code} before it answered`,
      );
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

async function main(): Promise<number> {
  let port: number, host: string, appPort: number, connections: number, headerTimeout: number;
  let perIp: number, maxBody: number;
  try {
    port = parsePort(Deno.env.get("PORT") ?? "8000");
    host = parseHost(Deno.env.get("HOST") ?? "0.0.0.0");
    appPort = parsePort(Deno.env.get("APP_PORT") ?? "0", "APP_PORT");
    connections = integerEnv("MUDDLE_PROXY_CONNECTIONS", 4096, 64, 1_000_000);
    headerTimeout = integerEnv("MUDDLE_PROXY_HEADER_TIMEOUT", 1, 1, 600);
    perIp = integerEnv("MUDDLE_PROXY_PER_IP", 2048, 1, 1_000_000);
    // The app's largest body (an uploaded image, or JSON as MUDDLE_MAX_BODY_BYTES allows), with
    // room to spare: past the app's limit, the app answers why in JSON.
    maxBody = Math.max(MAX_IMAGE_BYTES, serveSettings().hardening.body.maxBytes ?? 0) + 64 * 1024;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  try {
    await new Deno.Command("nginx", { args: ["-v"], stdout: "null", stderr: "null" }).output();
  } catch {
    console.error(
      "nginx is not installed: `apt-get install nginx` (Debian), or use `deno task start`",
    );
    return 1;
  }
  // nginx's workers drop root and cannot raise their descriptor limit. worker_connections is
  // left above it on purpose: out of descriptors, nginx stops accepting for accept_mutex_delay
  // and new clients wait in the kernel's backlog for a freed one; out of worker_connections, it
  // would accept and drop them at once.
  const nofile = await descriptorLimit();
  const workerConnections = connections;
  const prefix = await Deno.makeTempDir({ prefix: "muddle_nginx_" });
  // Started as root, nginx's workers run as another user, and buffer large request bodies in
  // body/ below the prefix: they must be able to pass through it (its files stay unlisted).
  await Deno.chmod(prefix, 0o711);
  const app = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-env", "main.ts"],
    cwd: ROOT,
    env: { PORT: String(appPort), HOST: "127.0.0.1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let nginx: Deno.ChildProcess | null = null;
  const stopAll = async () => {
    try {
      nginx?.kill("SIGQUIT");
    } catch { /* already gone */ }
    try {
      app.kill("SIGTERM");
    } catch { /* already gone */ }
    await Promise.all([nginx?.status, app.status]);
    // A master that died first leaves its workers behind, holding the port and answering 502:
    // they are still in its process group.
    if (nginx) {
      try {
        Deno.kill(-nginx.pid, "SIGKILL");
      } catch { /* the group is empty: nginx stopped whole */ }
    }
  };
  try {
    const exited = app.status.then((s) => {
      throw new Error(`the app exited with status ${s.code} before it was listening`);
    });
    appPort = await Promise.race([reportedPort(app.stdout), exited]);
    await waitForApp(appPort, app, 180_000);
    const template = await Deno.readTextFile(`${ROOT}/proxy/nginx.conf`);
    const config = renderNginxConfig(template, {
      PREFIX: prefix,
      PORT: port,
      HOST: host.includes(":") ? `[${host}]` : host,
      APP_PORT: appPort,
      WORKER_CONNECTIONS: workerConnections,
      NOFILE: nofile,
      HEADER_TIMEOUT: `${headerTimeout}s`,
      PER_IP_CONNECTIONS: perIp,
      MAX_BODY: maxBody,
    });
    await Deno.writeTextFile(`${prefix}/nginx.conf`, config);
    // setsid gives nginx a process group of its own (and, called from a non-leader, keeps its
    // pid), so that its workers can be stopped even after their master is gone.
    nginx = new Deno.Command("setsid", {
      args: ["nginx", "-p", prefix, "-c", `${prefix}/nginx.conf`],
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
    const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
    // nginx says nothing when it starts: wait until it answers, or has exited.
    let nginxExit: Deno.CommandStatus | null = null;
    nginx.status.then((s) => (nginxExit = s));
    for (let i = 0; i < 50 && !nginxExit; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        await res.body?.cancel();
        if (res.ok) break;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (nginxExit) {
      console.error(`nginx could not start on ${host}:${port} (see its message above)`);
      await stopAll();
      return 1;
    }
    console.log(`Muddle via nginx on http://${shown}:${port}/ (app on 127.0.0.1:${appPort})`);
    let signalled = false;
    const onSignal = (signal: Deno.Signal) => () => {
      if (signalled) return;
      signalled = true;
      console.log(`${signal}: stopping nginx and the app`);
      void stopAll();
    };
    const listeners: Array<[Deno.Signal, () => void]> = [
      ["SIGTERM", onSignal("SIGTERM")],
      ["SIGINT", onSignal("SIGINT")],
    ];
    for (const [s, l] of listeners) Deno.addSignalListener(s, l);
    const first = await Promise.race([
      app.status.then((s) => ["app", s] as const),
      nginx.status.then((s) => ["nginx", s] as const),
    ]);
    for (const [s, l] of listeners) Deno.removeSignalListener(s, l);
    if (signalled) {
      await stopAll();
      return 0;
    }
    console.error(`${first[0]} exited with status ${first[1].code}: stopping the other`);
    await stopAll();
    return 1;
  } catch (error) {
    console.error(`start:proxy: ${(error as Error).message}`);
    await stopAll();
    return 1;
  } finally {
    await Deno.remove(prefix, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) Deno.exit(await main());
