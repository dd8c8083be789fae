// Public addresses of the root site and of each tenant host, built from APP_DOMAIN only (never
// from a request header), so a redirect can only ever name a host we serve.
import { appDomain } from "@/lib/core/env";

/** A development host: `localhost`, `*.localhost` or 127.0.0.1, with or without a port. */
export function isLocalDomain(domain: string): boolean {
  const host = domain.replace(/:\d+$/, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "127.0.0.1";
}

/** http on local development hosts, https everywhere else (APP_PROTOCOL overrides). */
export function appProtocol(): "http" | "https" {
  const forced = process.env.APP_PROTOCOL;
  if (forced === "http" || forced === "https") return forced;
  return isLocalDomain(appDomain()) ? "http" : "https";
}

export function usesSecureCookies(): boolean {
  return appProtocol() === "https";
}

/** The root site, where sign-up and sign-in live: `http://localhost:3000`, `https://dealcycle.com`. */
export function rootOrigin(): string {
  return `${appProtocol()}://${appDomain()}`;
}

/** APP_DOMAIN's port (":3000"), which every host we serve shares; "" when it has none. */
function portSuffix(): string {
  return appDomain().match(/:\d+$/)?.[0] ?? "";
}

/** A tenant host: a subdomain of APP_DOMAIN or a custom domain (a HostMatch of those kinds fits). */
export type TenantHostRef = { kind: "subdomain"; subdomain: string } | { kind: "custom"; domain: string };

/** The origin of a tenant host: its subdomain under APP_DOMAIN or its custom domain. */
export function tenantOrigin(match: TenantHostRef): string {
  if (match.kind === "subdomain") return `${appProtocol()}://${match.subdomain}.${appDomain()}`;
  return `${appProtocol()}://${match.domain}${portSuffix()}`;
}

/** The host (with APP_DOMAIN's port) a tenant origin names, as carried in sign-in links: `acme.localhost:3000`. */
export function tenantHostParam(match: TenantHostRef): string {
  return new URL(tenantOrigin(match)).host;
}

/**
 * A path to send someone to after signing in: only a same-site absolute path, never a scheme,
 * another host (`//evil.com`, `/\evil.com`) or the internal tenant segment.
 */
/** The longest path (with its query) the app returns to after sign-in; longer ones go to the fallback. */
export const MAX_NEXT_PATH = 1000;

export function safeNextPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length > MAX_NEXT_PATH) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return fallback;
  if (next === "/t" || next.startsWith("/t/") || next.startsWith("/api/auth/")) return fallback;
  return next;
}
