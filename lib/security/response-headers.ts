// The security headers proxy.ts puts on every page and API response (Next.js's own static files,
// which the proxy does not see, get the fixed ones from next.config.js's headers()).
import { contentSecurityPolicy } from "./content-security-policy";

// The sign-in hand-off carries one-time codes in its URLs: no referrer at all leaves it.
const NO_REFERRER_PATHS = ["/api/auth/sso", "/api/auth/handoff"];

/** A year. Not includeSubDomains: APP_DOMAIN's other subdomains may be served by someone else. */
const HSTS = "max-age=31536000";

export function securityHeaders({ nonce, pathname, https, dev }: { nonce: string; pathname: string; https: boolean; dev: boolean }): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy({ nonce, dev, https }),
    // For browsers without CSP frame-ancestors.
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": NO_REFERRER_PATHS.includes(pathname) ? "no-referrer" : "strict-origin-when-cross-origin",
    // Browsers ignore HSTS received over http, and a plain-http deployment must not be pinned to https.
    ...(https ? { "strict-transport-security": HSTS } : {}),
  };
}
