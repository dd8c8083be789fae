// Pure host classification, shared by proxy.ts (routing) and server code (tenant resolution).

/** Names a company may not take as its subdomain. */
export const RESERVED_SUBDOMAINS = new Set([
  "www", "app", "api", "admin", "auth", "login", "signin", "signup", "register", "account", "accounts",
  "billing", "dashboard", "help", "support", "docs", "status", "mail", "email", "smtp", "imap", "ftp",
  "static", "assets", "cdn", "media", "img", "images", "files", "blog", "news", "dev", "test", "staging",
  "demo-admin", "internal", "root", "system", "webhook", "webhooks", "twilio", "oauth", "sso", "security",
  "dealcycle", "t", "ns1", "ns2",
]);

export const SUBDOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export type HostMatch =
  | { kind: "root" }
  | { kind: "subdomain"; subdomain: string; host: string }
  | { kind: "custom"; domain: string; host: string }
  | { kind: "invalid" };

/** Lower-cases, strips the port, a trailing dot and a leading `www.`. */
export function normalizeHost(raw: string | null | undefined): string {
  if (!raw) return "";
  let host = raw.trim().toLowerCase();
  if (host.startsWith("[")) return host; // IPv6 literal: never a tenant
  host = host.replace(/:\d+$/, "").replace(/\.$/, "");
  if (host.startsWith("www.")) host = host.slice(4);
  return host;
}

export function subdomainProblem(subdomain: string): string | null {
  if (!SUBDOMAIN_PATTERN.test(subdomain)) {
    return "Use 1 to 63 lower-case letters, digits or hyphens, not starting or ending with a hyphen";
  }
  if (RESERVED_SUBDOMAINS.has(subdomain)) return `"${subdomain}" is reserved`;
  return null;
}

/**
 * Which site a request's Host names: the root app, a tenant subdomain (one label directly under
 * APP_DOMAIN), a custom domain, or nothing we serve (reserved or nested names, IPs, garbage).
 */
export function classifyHost(rawHost: string | null | undefined, appDomain: string): HostMatch {
  const host = normalizeHost(rawHost);
  const root = normalizeHost(appDomain);
  if (!host) return { kind: "invalid" };
  if (host === root) return { kind: "root" };
  if (host.endsWith(`.${root}`)) {
    const label = host.slice(0, -root.length - 1);
    if (label.includes(".") || subdomainProblem(label)) return { kind: "invalid" };
    return { kind: "subdomain", subdomain: label, host };
  }
  if (HOSTNAME_PATTERN.test(host) && !host.endsWith(".localhost")) return { kind: "custom", domain: host, host };
  return { kind: "invalid" };
}
