// Request headers that only proxy.ts may set. Any a client sends are dropped before routing, so
// none of them can choose a tenant or pose as the proxy's own notes.

/** The path the client asked for on its host (before the tenant rewrite), for sign-in redirects. */
export const INTERNAL_PATH_HEADER = "x-dealcycle-path";

/** This request's CSP nonce, for the root layout's inline script (Next.js reads it from the CSP header). */
export const NONCE_HEADER = "x-dealcycle-nonce";

// Next.js takes the nonce for its scripts from the request's CSP header: only proxy.ts sets that.
const EXACT = new Set([
  "x-middleware-subrequest",
  "x-matched-path",
  "x-now-route-matches",
  "x-invoke-path",
  "x-invoke-query",
  "content-security-policy",
  "content-security-policy-report-only",
]);

export function isInternalHeader(name: string): boolean {
  const n = name.toLowerCase();
  return EXACT.has(n) || n.startsWith("x-tenant") || n.startsWith("x-dealcycle") || n.startsWith("x-middleware-");
}
