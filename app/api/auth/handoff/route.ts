import { NextResponse, type NextRequest } from "next/server";
import { acceptHandoff } from "@/lib/auth/accept-handoff";
import { encodeTenantSession, SESSION_MAX_AGE_SECONDS, sessionCookieOptions, tenantSessionCookieName } from "@/lib/core/session/session-cookies";
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE } from "@/lib/preferences/theme";
import { ssoStateCookieName } from "@/lib/auth/sso-state";
import { INVITE_COOKIE } from "@/lib/team/invite-cookie";
import { tenantOrigin } from "@/lib/core/tenancy/origins";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";
import { hostOf, isTenantHost } from "@/lib/core/tenancy/request-host";
import { findTenantForHost } from "@/lib/core/tenancy/resolve-tenant";

export const dynamic = "force-dynamic";

/** Tenant host: turns a one-time code from the root host into this host's own session cookie. */
export async function GET(request: NextRequest): Promise<Response> {
  const match = hostOf(request);
  if (!isTenantHost(match)) return new Response("Not found", { status: 404 });
  const tenant = await findTenantForHost(match);
  const origin = tenantOrigin(match);
  if (!tenant || tenant.subscription_status === "cancelled") return NextResponse.redirect(`${origin}/`, 303);

  const inviteToken = request.cookies.get(INVITE_COOKIE)?.value;
  const outcome = await acceptHandoff({
    tenant,
    code: request.nextUrl.searchParams.get("code"),
    state: request.cookies.get(ssoStateCookieName())?.value,
    inviteToken,
    ip: clientIpFrom(request.headers),
    userAgent: userAgentFrom(request.headers),
  });

  const response = outcome.ok
    ? NextResponse.redirect(new URL(outcome.next, origin), 303)
    : NextResponse.redirect(`${origin}/signin?error=${outcome.error}`, 303);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("Cache-Control", "no-store");
  response.cookies.set(ssoStateCookieName(), "", sessionCookieOptions(0));
  if (inviteToken) response.cookies.set(INVITE_COOKIE, "", sessionCookieOptions(0));
  if (outcome.ok) {
    response.cookies.set(tenantSessionCookieName(), await encodeTenantSession(outcome.claims), sessionCookieOptions(SESSION_MAX_AGE_SECONDS));
    response.cookies.set(THEME_COOKIE, outcome.theme, { path: "/", maxAge: THEME_COOKIE_MAX_AGE, sameSite: "lax" });
  }
  return response;
}
