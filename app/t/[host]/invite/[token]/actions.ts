"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { formDataToObject } from "@/lib/core/actions/tenant-action";
import { startInvitedSession } from "@/lib/auth/invite-session";
import { encodeTenantSession, SESSION_MAX_AGE_SECONDS, sessionCookieOptions, tenantSessionCookieName } from "@/lib/core/session/session-cookies";
import { toFailure, type ActionResult } from "@/lib/core/errors-response";
import { AppError } from "@/lib/core/errors";
import { acceptInvite } from "@/lib/team/accept-invite";
import { getInviteByToken, INVITE_PROBLEMS } from "@/lib/team/get-invite";
import { INVITE_COOKIE, INVITE_COOKIE_MAX_AGE } from "@/lib/team/invite-cookie";
import { acceptInviteFormSchema, inviteTokenSchema } from "@/lib/team/schemas";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";
import { currentTenant } from "@/lib/core/tenancy/resolve-tenant";
import { MESSAGES } from "@/lib/core/tenancy/session-context";

// These actions run for visitors who are not signed in yet: the link's token is what authorises
// them, so they do not go through tenantAction (which needs a member).

async function tenantOrThrow() {
  const tenant = await currentTenant();
  if (!tenant || tenant.subscription_status === "cancelled") throw new AppError("not_found", INVITE_PROBLEMS.unknown);
  if (tenant.subscription_status === "suspended") throw new AppError("tenant_suspended", MESSAGES.suspended);
  return tenant;
}

/** The client's address as everywhere else (the left of X-Forwarded-For is whatever the client wrote). */
async function requestMeta() {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: userAgentFrom(h) };
}

/** The form's fields; a replayed request may send anything in place of the FormData. */
function fieldsOf(form: unknown): unknown {
  return form instanceof FormData ? formDataToObject(form) : form;
}

/** Name and password: creates the member and signs them in on this workspace (lib/auth/invite-session.ts). */
export async function acceptInviteAction(_prev: unknown, form: FormData): Promise<ActionResult<{ next: string }>> {
  let joined: { tenantId: string; userId: string; ip?: string; userAgent?: string };
  try {
    const input = acceptInviteFormSchema.parse(fieldsOf(form));
    const tenant = await tenantOrThrow();
    const meta = await requestMeta();
    const { userId } = await acceptInvite({ tenantId: tenant.id, token: input.token, name: input.name, password: input.password, ...meta });
    joined = { tenantId: tenant.id, userId, ...meta };
  } catch (err) {
    const { status: _status, ...failure } = toFailure(err);
    return failure;
  }
  // The member exists now: should the session fail, they sign in with the password they chose.
  let signedIn = false;
  try {
    const claims = await startInvitedSession(joined);
    if (claims) {
      (await cookies()).set(tenantSessionCookieName(), await encodeTenantSession(claims), sessionCookieOptions(SESSION_MAX_AGE_SECONDS));
      signedIn = true;
    }
  } catch (err) {
    console.error("[invite] could not start the new member's session", err);
  }
  // Setting the cookie makes Next.js render this page again, now for a used link (the form that
  // would have moved on is gone): the action itself moves on to the workspace.
  if (signedIn) redirect("/");
  // /signin is a route handler that hands over to the root host: the browser loads it in full.
  return { ok: true, data: { next: "/signin?next=%2F" } };
}

/** "Accept with Google": keeps the token in a short-lived cookie on this host, then Google sign-in. */
export async function acceptWithGoogleAction(_prev: unknown, form: FormData): Promise<ActionResult<{ next: string }>> {
  try {
    const { token } = inviteTokenSchema.parse(fieldsOf(form));
    const tenant = await tenantOrThrow();
    const invite = await getInviteByToken({ tenantId: tenant.id }, token);
    if (!invite) throw new AppError("not_found", INVITE_PROBLEMS.unknown);
    if (invite.status !== "pending") throw new AppError("conflict", INVITE_PROBLEMS[invite.status]);
    (await cookies()).set(INVITE_COOKIE, token, sessionCookieOptions(INVITE_COOKIE_MAX_AGE));
  } catch (err) {
    const { status: _status, ...failure } = toFailure(err);
    return failure;
  }
  return { ok: true, data: { next: "/signin?provider=google&next=%2F" } };
}
