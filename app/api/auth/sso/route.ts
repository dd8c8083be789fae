import { NextResponse, type NextRequest } from "next/server";
import { issueHandoff, looksLikeToken } from "@/lib/auth/handoff";
import { decodeRootSession, joinChunkedCookie, rootSessionCookieName } from "@/lib/core/session/session-cookies";
import { isSignInErrorCode } from "@/lib/auth/sign-in-errors";
import { rootOrigin, safeNextPath, tenantHostParam, tenantOrigin } from "@/lib/core/tenancy/origins";
import { hostOf, tenantForHostParam } from "@/lib/core/tenancy/request-host";

export const dynamic = "force-dynamic";

/**
 * Root host. A tenant host sends the browser here to sign in (`to`, its SSO `state`, the `next`
 * path). Signed in on the root with a membership there (or a Google identity the workspace may
 * accept with an invitation): back to the tenant host with a one-time code. Otherwise: the root
 * sign-in page for that workspace.
 */
export async function GET(request: NextRequest): Promise<Response> {
  if (hostOf(request).kind !== "root") return new Response("Not found", { status: 404 });
  const q = request.nextUrl.searchParams;
  const target = await tenantForHostParam(q.get("to"));
  if (!target) return NextResponse.redirect(`${rootOrigin()}/signin?error=unknown_workspace`, 303);
  const { match, tenant } = target;
  const state = q.get("state");
  // Without a valid state the sign-in did not start on the tenant host: start it there.
  if (!looksLikeToken(state)) return NextResponse.redirect(`${tenantOrigin(match)}/signin`, 303);
  const next = safeNextPath(q.get("next"));

  const signInPage = new URL("/signin", rootOrigin());
  signInPage.search = new URLSearchParams({ to: tenantHostParam(match), state, next }).toString();
  const error = q.get("error");
  if (q.get("provider") === "google") signInPage.searchParams.set("provider", "google");
  if (isSignInErrorCode(error)) signInPage.searchParams.set("error", error);
  if (q.get("signed_out") === "1") signInPage.searchParams.set("signed_out", "1");
  if (signInPage.searchParams.has("provider") || signInPage.searchParams.has("error") || signInPage.searchParams.has("signed_out")) {
    return NextResponse.redirect(signInPage, 303);
  }

  const session = await decodeRootSession(joinChunkedCookie(rootSessionCookieName(), request.cookies.getAll()));
  if (!session || tenant.subscription_status === "cancelled") return NextResponse.redirect(signInPage, 303);
  const member = session.m.find((m) => m.t === tenant.id) ?? null;
  if (!member && session.amr !== "google") {
    signInPage.searchParams.set("error", "not_member");
    return NextResponse.redirect(signInPage, 303);
  }
  const code = await issueHandoff({
    tenantId: tenant.id,
    state,
    next,
    email: session.email,
    name: session.name,
    amr: session.amr,
    gsub: session.gsub,
    member,
    rootSid: session.sid,
  });
  const response = NextResponse.redirect(`${tenantOrigin(match)}/api/auth/handoff?code=${code}`, 303);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("Cache-Control", "no-store");
  return response;
}
