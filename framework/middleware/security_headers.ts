/**
 * Security headers on every answer, through `hono/secure-headers`: a
 * Content-Security-Policy that allows what the explorer loads (its own
 * bundled scripts, tfjs's wasm, canvas exports as data:/blob: images,
 * workers from blob:) and no inline script, plus nosniff, a strict referrer
 * policy and framing protection. The same list, as plain pairs, is sent on
 * the answers made before the app runs (front door, draining 503s).
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /**
   * Give each answer a fresh nonce, readable by the page renderer as
   * `c.get("secureHeadersNonce")`, and allow inline scripts that carry it.
   * Off by default: the page boots from /static/build and needs no inline script.
   */
  scriptNonce?: boolean;
}

/** Context variables set by {@link securityHeaders}. */
export type SecurityHeadersVariables = { secureHeadersNonce?: string };

/**
 * The policy, one directive per entry. `'wasm-unsafe-eval'` lets tfjs's wasm
 * backend compile its module (it allows WebAssembly, not JS eval);
 * `'unsafe-inline'` for styles covers server-rendered `style=` attributes
 * (Preact), which cannot run script.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", "blob:"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The Content-Security-Policy header's value (without a nonce). */
export function contentSecurityPolicy(): string {
  return Object.entries(CSP).map(([name, values]) =>
    `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(" ")}`
  ).join("; ");
}

/** Every security header as [name, value] pairs, for answers built outside Hono. */
export function securityHeaderList(): Array<[string, string]> {
  return [
    ["Content-Security-Policy", contentSecurityPolicy()],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "no-referrer"],
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
  ];
}

/**
 * Middleware that sets the security headers after the route has answered.
 * Hono's extras that this site has no use for (HSTS on plain HTTP, legacy
 * IE and Flash headers) are turned off, so the set matches {@link securityHeaderList}.
 */
export function securityHeaders(
  options: SecurityHeadersOptions = {},
): MiddlewareHandler<{ Variables: SecurityHeadersVariables }> {
  return secureHeaders({
    contentSecurityPolicy: options.scriptNonce
      ? { ...CSP, scriptSrc: [...CSP.scriptSrc, NONCE] }
      : CSP,
    xFrameOptions: "DENY",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    originAgentCluster: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }) as MiddlewareHandler<{ Variables: SecurityHeadersVariables }>;
}
