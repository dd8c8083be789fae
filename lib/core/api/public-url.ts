import { appProtocol } from "@/lib/core/tenancy/origins";
import { trustedProxyHops } from "@/lib/core/tenancy/request-meta";

/** The value the outermost trusted proxy saw, counted from the right (each proxy appends its own). */
function forwarded(headers: Headers, name: string, hops: number): string | undefined {
  const parts = (headers.get(name) ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  return hops > 0 && parts.length >= hops ? parts[parts.length - hops] : undefined;
}

/**
 * The URL as the caller requested it from the outside (what a provider signs): scheme and host from
 * the trusted proxies' X-Forwarded-Proto/-Host when TRUST_PROXY says there are some, else
 * APP_PROTOCOL and the Host header; path and query as received.
 */
export function publicRequestUrl(request: Request): string {
  const hops = trustedProxyHops();
  const url = new URL(request.url);
  const proto = forwarded(request.headers, "x-forwarded-proto", hops);
  const scheme = proto === "http" || proto === "https" ? proto : appProtocol();
  const host = forwarded(request.headers, "x-forwarded-host", hops) ?? request.headers.get("host") ?? url.host;
  return `${scheme}://${host}${url.pathname}${url.search}`;
}
