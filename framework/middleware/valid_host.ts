/**
 * The Host header check of the front door. Deno builds `request.url` from
 * the Host header as sent, so `Host: a/b` would move the path and `Host: a b`
 * makes `new URL()` throw (a 500 on every route). Only a DNS name, an IPv4
 * address or a bracketed IPv6 address, with an optional port 1-65535, passes.
 *
 * @module
 */

const LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const HOST = new RegExp(
  `^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?$`,
);

/** True when `host` is a Host header value the server accepts. */
export function isValidHost(host: string): boolean {
  if (host.length > 260) return false;
  const m = HOST.exec(host);
  if (m === null) return false;
  if (m[1] !== undefined) {
    const port = Number(m[1]);
    if (port < 1 || port > 65535) return false;
  }
  return true;
}
