/**
 * The front door: checks made on the raw request before Hono routes it or a
 * byte of its body is read. A bad or missing Host is a 400 (Deno builds
 * `request.url` from it); a request that the load shedder has no room for is
 * a 503 at once, from pre-built headers, so that shedding a flood costs
 * less than the work it sheds. Decode requests are admitted by the decode
 * batcher's backlog instead: a micro-batch of up to `maxBatch` decodes counts
 * as one queue slot.
 *
 * @module
 */
import { isValidHost } from "./valid_host.ts";
import type { LoadShedder } from "./load_shed.ts";
import { securityHeaderList } from "./security_headers.ts";

/** A `Deno.serve` handler. */
export type ServeHandler = (
  request: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/** Options of {@link frontDoor}. */
export interface FrontDoorOptions {
  /** The shedder of the API and the pages. */
  shedder: LoadShedder;
  /** Paths the shedder covers (pages and API, not health or static files). */
  isShed: (path: string) => boolean;
  /** Decodes waiting in the batcher now; omit to admit decodes through the shedder. */
  decodeBacklog?: () => number;
  /** Most decodes allowed to wait (queue slots x batch size). */
  maxQueuedDecodes?: number;
  /** Seconds sent in `Retry-After`; default 1. */
  retryAfterSeconds?: number;
}

/** A JSON error answer with the security headers, built without Hono. */
export function plainJsonError(
  status: number,
  message: string,
  extra: Array<[string, string]> = [],
): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: [
      ["Content-Type", "application/json"],
      ["Cache-Control", "no-store"],
      ...securityHeaderList(),
      ...extra,
    ],
  });
}

/** The path of a URL string that Deno built (`http://host/path?query`), without parsing it. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

/** Wraps `handler` with the front-door checks. */
export function frontDoor(handler: ServeHandler, options: FrontDoorOptions): ServeHandler {
  const { shedder, isShed, decodeBacklog } = options;
  const maxQueuedDecodes = options.maxQueuedDecodes ?? 4096;
  const busyHeaders: Array<[string, string]> = [
    ["Content-Type", "application/json"],
    ["Cache-Control", "no-store"],
    ["Retry-After", String(options.retryAfterSeconds ?? 1)],
    ...securityHeaderList(),
  ];
  const busyBody = JSON.stringify({ error: "server is busy; retry later" });
  const busy = () => {
    shedder.noteShed();
    return new Response(busyBody, { status: 503, headers: busyHeaders });
  };
  return (request, info) => {
    const host = request.headers.get("host");
    if (host === null || !isValidHost(host)) {
      return plainJsonError(
        400,
        host === null
          ? "the Host header is required"
          : "the Host header must be a host name or address with an optional port 1-65535",
        [["Connection", "close"]],
      );
    }
    const path = pathOf(request.url);
    if (decodeBacklog && path === "/api/decode" && request.method === "POST") {
      if (decodeBacklog() >= maxQueuedDecodes) return busy();
    } else if (isShed(path) && !shedder.hasRoom()) return busy();
    return handler(request, info);
  };
}
