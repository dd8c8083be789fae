import { NextResponse, type NextRequest } from "next/server";
import { appDomain } from "@/lib/env";
import { classifyHost } from "@/lib/tenancy/host";

// Internal segment the tenant pages live under. Reachable only through the rewrite below.
export const TENANT_SEGMENT = "/t";

// Headers a client must never be able to set: internal routing, or a tenant chosen by the caller.
const INTERNAL_HEADERS = ["x-tenant-id", "x-tenant", "x-tenant-host", "x-dealcycle-tenant", "x-middleware-subrequest"];

/**
 * Routes only: classify the Host, then send tenant hosts to the tenant segment, keep the root
 * host on the public pages, and answer not-found for everything else. The tenant itself is
 * looked up by server code from the same Host header, never from anything the client sends.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  for (const name of INTERNAL_HEADERS) headers.delete(name);

  const { pathname, search } = request.nextUrl;
  const match = classifyHost(request.headers.get("host"), appDomain());
  const internalPath = pathname === TENANT_SEGMENT || pathname.startsWith(`${TENANT_SEGMENT}/`);

  // Health answers on any host, so load balancers can probe by IP.
  if (pathname === "/api/health") return NextResponse.next({ request: { headers } });
  if (internalPath || match.kind === "invalid") return notFound(request, headers);
  // Route handlers resolve the tenant from the Host themselves.
  if (pathname.startsWith("/api/")) return NextResponse.next({ request: { headers } });
  if (match.kind === "root") return NextResponse.next({ request: { headers } });

  const url = request.nextUrl.clone();
  url.pathname = `${TENANT_SEGMENT}/${encodeURIComponent(match.host)}${pathname === "/" ? "" : pathname}`;
  url.search = search;
  return NextResponse.rewrite(url, { request: { headers } });
}

function notFound(request: NextRequest, headers: Headers) {
  const url = request.nextUrl.clone();
  url.pathname = "/_unknown-host";
  url.search = "";
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
