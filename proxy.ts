import { NextResponse, type NextRequest } from "next/server";
import { appDomain } from "@/lib/core/env";
import { createNonce } from "@/lib/security/content-security-policy";
import { oversizedRequest } from "@/lib/security/request-limits";
import { securityHeaders } from "@/lib/security/response-headers";
import { classifyHost } from "@/lib/core/tenancy/host";
import { stampedHost, stampHost } from "@/lib/core/tenancy/internal-host";
import { INTERNAL_PATH_HEADER, isInternalHeader, NONCE_HEADER } from "@/lib/core/tenancy/internal-headers";
import { appProtocol, MAX_NEXT_PATH } from "@/lib/core/tenancy/origins";
import { trustedProxyHops } from "@/lib/core/tenancy/request-meta";

// Internal segment the tenant pages live under. Reachable only through the rewrite below.
export const TENANT_SEGMENT = "/t";

// Headers only a trusted reverse proxy may set. Without one (TRUST_PROXY unset) they are dropped,
// and Next.js fills X-Forwarded-For/-Host/-Proto in from the socket and the Host header.
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * Every page and API request passes here first: refuse oversized requests at once, route by Host,
 * and give every response the security headers (a fresh CSP nonce for each request).
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const security = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    https: appProtocol() === "https" || request.nextUrl.protocol === "https:",
    dev: process.env.NODE_ENV === "development",
  });
  const response = route(request, security["content-security-policy"], nonce);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

/**
 * Routes only: classify the Host, then send tenant hosts to the tenant segment, keep the root
 * host on the public pages, and answer not-found for everything else. The tenant itself is
 * looked up by server code from the same Host header, never from anything the client sends.
 */
function route(request: NextRequest, csp: string, nonce: string): NextResponse {
  // Checked before anything is added to the request, so nothing downstream sees it grow.
  const oversize = oversizedRequest(request.method, request.nextUrl, request.headers);
  if (oversize) return tooLarge(request, oversize.status, oversize.message);

  // Next.js's own sub-requests carry the Host they started from, signed by us (internal-host.ts).
  const selfFetched = stampedHost(request.headers);
  const host = selfFetched ?? request.headers.get("host") ?? "";
  const headers = new Headers();
  const trustProxy = trustedProxyHops() > 0;
  for (const [name, value] of request.headers) {
    if (isInternalHeader(name)) continue;
    if (!trustProxy && !selfFetched && FORWARDING_HEADERS.includes(name)) continue;
    headers.append(name, value);
  }
  headers.set("host", host);
  for (const [name, value] of Object.entries(stampHost(host) ?? {})) headers.set(name, value);
  // Next.js reads the nonce for its own scripts from the request's CSP header.
  headers.set("content-security-policy", csp);
  headers.set(NONCE_HEADER, nonce);

  const { pathname, search } = request.nextUrl;
  const match = classifyHost(host, appDomain());
  const internalPath = isTenantSegment(pathname);

  // Health answers on any host, so load balancers can probe by IP.
  if (pathname === "/api/health") return NextResponse.next({ request: { headers } });
  if (internalPath || match.kind === "invalid") return notFound(request, headers);
  headers.set(INTERNAL_PATH_HEADER, visiblePath(request));
  // Route handlers resolve the tenant from the Host themselves.
  if (pathname.startsWith("/api/")) return NextResponse.next({ request: { headers } });
  if (match.kind === "root") return NextResponse.next({ request: { headers } });

  // Every path of a tenant host is the tenant's.
  const url = request.nextUrl.clone();
  url.pathname = `${TENANT_SEGMENT}/${encodeURIComponent(match.host)}${pathname === "/" ? "" : pathname}`;
  url.search = search;
  return NextResponse.rewrite(url, { request: { headers } });
}

/**
 * The path and query the visitor sees in the address bar (without Next's `_rsc` cache key), as
 * far as sign-in can return to it: a longer one is cut to its path, so this note never doubles a
 * long query in the request's headers.
 */
function visiblePath(request: NextRequest): string {
  const params = new URLSearchParams(request.nextUrl.search);
  params.delete("_rsc");
  const query = params.toString();
  const full = `${request.nextUrl.pathname}${query ? `?${query}` : ""}`;
  if (full.length <= MAX_NEXT_PATH) return full;
  return request.nextUrl.pathname.length <= MAX_NEXT_PATH ? request.nextUrl.pathname : "/";
}

/** `/t`, `/t/...`, in any case or percent-encoding a client might try. */
function isTenantSegment(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true; // malformed encoding: nothing legitimate looks like this
  }
  const first = decoded.replace(/^\/+/, "/").split("/")[1]?.toLowerCase() ?? "";
  return first === TENANT_SEGMENT.slice(1);
}

function notFound(request: NextRequest, headers: Headers) {
  const url = request.nextUrl.clone();
  url.pathname = "/_unknown-host";
  url.search = "";
  return NextResponse.rewrite(url, { request: { headers } });
}

function tooLarge(request: NextRequest, status: 414 | 431, message: string) {
  const headers = { "cache-control": "no-store" };
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ ok: false, code: status === 414 ? "uri_too_long" : "headers_too_large", error: message }, { status, headers });
  }
  return new NextResponse(message, { status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Files of public/ (icons, the web app manifest) are the same on every host: not rewritten.
  // Keep in step with UNPROXIED in next.config.js (those paths get a fixed CSP there).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|favicon.svg|icons/|manifest.webmanifest|robots.txt).*)"],
};
