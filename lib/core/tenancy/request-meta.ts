// Who is calling, as far as the request can tell: client IP and user agent.
import { isIP } from "node:net";

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For (TRUST_PROXY=1 for one,
 * such as a load balancer). 0 (the default) trusts none.
 */
export function trustedProxyHops(): number {
  const raw = process.env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || raw === "0" || raw === "false") return 0;
  if (raw === "true") return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

function cleanIp(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  let ip = value.trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]"));
  if (ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip : undefined;
}

/**
 * The client's IP. Behind TRUST_PROXY hops, the address the outermost trusted proxy saw: counted
 * from the right of X-Forwarded-For, because everything to its left was written by the client.
 * Without trusted proxies, proxy.ts removes any client-sent X-Forwarded-For, so the value Next.js
 * puts there is the socket's peer address. Undefined when neither gives an address.
 */
export function clientIpFrom(headers: Headers): string | undefined {
  const xff = headers.get("x-forwarded-for");
  if (!xff) return undefined;
  const hops = trustedProxyHops();
  const parts = xff.split(",").map((p) => p.trim()).filter(Boolean);
  if (hops === 0) return cleanIp(parts.length === 1 ? parts[0] : undefined);
  return cleanIp(parts[parts.length - hops]);
}

export function userAgentFrom(headers: Headers): string | undefined {
  return headers.get("user-agent")?.slice(0, 512) || undefined;
}
