import { NextResponse, type NextRequest } from "next/server";
import { decodeRootSession, endRootSessionOf, joinChunkedCookie, rootSessionCookieName, sessionCookieOptions } from "@/lib/core/session/session-cookies";
import { verifySignOutTicket } from "@/lib/auth/sign-out-ticket";
import { rootOrigin, tenantOrigin } from "@/lib/core/tenancy/origins";
import { hostOf, tenantForHostParam } from "@/lib/core/tenancy/request-host";

export const dynamic = "force-dynamic";

/** Root host: the second half of signing out on a tenant host (ends the root session, goes back). */
export async function GET(request: NextRequest): Promise<Response> {
  if (hostOf(request).kind !== "root") return new Response("Not found", { status: 404 });
  const q = request.nextUrl.searchParams;
  const to = q.get("to") ?? "";
  const target = await tenantForHostParam(to);
  if (!target) return NextResponse.redirect(`${rootOrigin()}/`, 303);
  const name = rootSessionCookieName();
  const cookie = joinChunkedCookie(name, request.cookies.getAll());
  const session = await decodeRootSession(cookie);
  // Only the person who signed out on the tenant host is signed out here.
  if (session && !verifySignOutTicket(to, session.email, q.get("exp"), q.get("sig"))) return NextResponse.redirect(`${rootOrigin()}/`, 303);
  // Usually ended already with the tenant session it opened; this browser may hold a later one.
  if (session) await endRootSessionOf(cookie);

  const response = NextResponse.redirect(`${tenantOrigin(target.match)}/signin?signed_out=1`, 303);
  for (const cookie of request.cookies.getAll()) {
    if (cookie.name === name || cookie.name.startsWith(`${name}.`)) response.cookies.set(cookie.name, "", sessionCookieOptions(0));
  }
  return response;
}
