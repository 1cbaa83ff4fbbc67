/**
 * Security headers on every answer: a Content-Security-Policy that allows
 * what the explorer loads (its own bundled scripts, tfjs's wasm, canvas
 * exports as data:/blob: images, workers from blob:) and no inline script,
 * plus nosniff, a strict referrer policy and framing protection.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /**
   * Give each HTML answer a fresh nonce, readable by the page renderer as
   * `c.get("cspNonce")`, and allow inline scripts that carry it. Off by
   * default: the page boots from /static/build and needs no inline script.
   */
  scriptNonce?: boolean;
}

/** Context variables set by {@link securityHeaders}. */
export type SecurityHeadersVariables = { cspNonce: string };

/**
 * The policy, one directive per entry. `'wasm-unsafe-eval'` lets tfjs's wasm
 * backend compile its module (it allows WebAssembly, not JS eval);
 * `'unsafe-inline'` for styles covers server-rendered `style=` attributes
 * (Preact), which cannot run script.
 */
export function contentSecurityPolicy(nonce?: string): string {
  const script = ["'self'", "'wasm-unsafe-eval'"];
  if (nonce) script.push(`'nonce-${nonce}'`);
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Middleware that sets the security headers after the route has answered. */
export function securityHeaders(
  options: SecurityHeadersOptions = {},
): MiddlewareHandler<{ Variables: SecurityHeadersVariables }> {
  return async (c, next) => {
    let nonce: string | undefined;
    if (options.scriptNonce) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      nonce = btoa(String.fromCharCode(...bytes));
      c.set("cspNonce", nonce);
    }
    await next();
    const h = c.res.headers;
    h.set("Content-Security-Policy", contentSecurityPolicy(nonce));
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  };
}
