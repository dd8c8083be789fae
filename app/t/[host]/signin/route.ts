import { NextResponse, type NextRequest } from "next/server";
import { randomToken } from "@/lib/auth/handoff";
import { isSignInErrorCode } from "@/lib/auth/sign-in-errors";
import { SSO_STATE_MAX_AGE, ssoStateCookieName } from "@/lib/auth/sso-state";
import { sessionCookieOptions } from "@/lib/core/session/session-cookies";
import { rootOrigin, safeNextPath, tenantHostParam, tenantOrigin } from "@/lib/core/tenancy/origins";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";
import { hostOf, isTenantHost } from "@/lib/core/tenancy/request-host";
import { resolveSession } from "@/lib/core/tenancy/session-context";
import { tenantSessionCookieName } from "@/lib/core/session/session-cookies";

export const dynamic = "force-dynamic";

/**
 * `/signin` on a tenant host. Already signed in here: go on. Otherwise start a sign-in at the root
 * host (one sign-in serves every workspace of the person): set this host's SSO state cookie and
 * go to /api/auth/sso there. `?provider=google` goes straight to Google (the invitation page's
 * "Accept with Google" uses it after setting the dc_invite cookie).
 */
export async function GET(request: NextRequest): Promise<Response> {
  const match = hostOf(request);
  if (!isTenantHost(match)) return new Response("Not found", { status: 404 });
  // A client-side navigation or a server action's redirect fetches this as RSC, and would follow
  // the redirects below to the root host and render its page under this host. Answering with
  // something that is not RSC makes Next.js load the page in full instead, which works.
  if (request.headers.has("rsc") || request.headers.has("next-router-state-tree")) {
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  }
  const origin = tenantOrigin(match);
  const q = request.nextUrl.searchParams;
  const next = safeNextPath(q.get("next"));
  const state = await resolveSession({
    host: request.headers.get("host"),
    tenantSession: request.cookies.get(tenantSessionCookieName())?.value,
    ip: clientIpFrom(request.headers),
    userAgent: userAgentFrom(request.headers),
  });
  // Unknown and closed workspaces answer from their pages (not-found, "this workspace was closed").
  if (state.kind === "no_tenant" || state.kind === "closed") return NextResponse.redirect(`${origin}/`, 303);
  const provider = q.get("provider") === "google" ? "google" : null;
  if (state.kind === "member" && !provider) return NextResponse.redirect(new URL(next, origin), 303);

  const ssoState = randomToken();
  const sso = new URL("/api/auth/sso", rootOrigin());
  sso.search = new URLSearchParams({ to: tenantHostParam(match), state: ssoState, next }).toString();
  if (provider) sso.searchParams.set("provider", provider);
  const error = q.get("error");
  if (isSignInErrorCode(error)) sso.searchParams.set("error", error);
  if (q.get("signed_out") === "1") sso.searchParams.set("signed_out", "1");

  const response = NextResponse.redirect(sso, 303);
  response.cookies.set(ssoStateCookieName(), ssoState, sessionCookieOptions(SSO_STATE_MAX_AGE));
  response.headers.set("Cache-Control", "no-store");
  return response;
}
