// The Content-Security-Policy of every page and API response, built per request by proxy.ts.
// Scripts run only with this request's nonce (Next.js puts it on its own scripts when it finds it in
// the request's CSP header; the root layout puts it on the theme script), plus what those scripts
// load ('strict-dynamic'). No page may be framed by anyone ('none'), not even by ourselves.
import { appDomain } from "@/lib/core/env";
import { appProtocol } from "@/lib/core/tenancy/origins";

/** 16 random bytes, base64: unguessable and new for every request. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  const root = `${appProtocol()}://${appDomain()}`;
  const tenants = `${appProtocol()}://*.${appDomain()}`;
  const directives = [
    "default-src 'self'",
    // React needs eval in development only (its debugging stacks); production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // 'unsafe-inline' for styles: React renders `style` props as style attributes in the server's
    // HTML (charts, progress bars, the dev overlay), and a nonce cannot cover an attribute (with a
    // nonce present browsers would even ignore 'unsafe-inline'). Styles cannot run code; scripts
    // stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Forms post to our own hosts only; a form on a tenant host may end at the root host's sign-in
    // or another workspace host (a redirect after a form post counts in Chromium).
    `form-action 'self' ${root} ${tenants}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
