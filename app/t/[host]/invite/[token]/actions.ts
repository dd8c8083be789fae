"use server";

import { cookies, headers } from "next/headers";
import { toFailure, type ActionResult } from "@/lib/errors-response";
import { AppError } from "@/lib/errors";
import { acceptInvite } from "@/lib/team/accept-invite";
import { getInviteByToken, INVITE_PROBLEMS } from "@/lib/team/get-invite";
import { INVITE_COOKIE, INVITE_COOKIE_MAX_AGE } from "@/lib/team/invite-cookie";
import { acceptInviteFormSchema } from "@/lib/team/schemas";
import { currentTenant } from "@/lib/tenancy/resolve-tenant";

// These actions run for visitors who are not signed in yet: the link's token is what authorises
// them, so they do not go through tenantAction (which needs a member).

async function tenantOrThrow() {
  const tenant = await currentTenant();
  if (!tenant || tenant.subscription_status === "cancelled") throw new AppError("not_found", INVITE_PROBLEMS.unknown);
  return tenant;
}

async function requestMeta() {
  const h = await headers();
  return { ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || undefined, userAgent: h.get("user-agent")?.slice(0, 512) || undefined };
}

/** Name and password: creates the member, then on to sign-in. */
export async function acceptInviteAction(_prev: unknown, form: FormData): Promise<ActionResult<{ next: string }>> {
  try {
    const input = acceptInviteFormSchema.parse(Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$"))));
    const tenant = await tenantOrThrow();
    await acceptInvite({ tenantId: tenant.id, token: input.token, name: input.name, password: input.password, ...(await requestMeta()) });
  } catch (err) {
    const { status: _status, ...failure } = toFailure(err);
    return failure;
  }
  // /signin is a route handler that hands over to the root host: the browser must load it itself.
  return { ok: true, data: { next: "/signin?next=%2F" } };
}

/** "Accept with Google": keeps the token in a short-lived cookie on this host, then Google sign-in. */
export async function acceptWithGoogleAction(_prev: unknown, form: FormData): Promise<ActionResult<{ next: string }>> {
  try {
    const token = String(form.get("token") ?? "");
    const tenant = await tenantOrThrow();
    const invite = await getInviteByToken({ tenantId: tenant.id }, token);
    if (!invite) throw new AppError("not_found", INVITE_PROBLEMS.unknown);
    if (invite.status !== "pending") throw new AppError("conflict", INVITE_PROBLEMS[invite.status]);
    const secure = process.env.NODE_ENV === "production" && !/(^|\.)localhost(:\d+)?$/.test((await headers()).get("host") ?? "");
    (await cookies()).set(INVITE_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", maxAge: INVITE_COOKIE_MAX_AGE, secure });
  } catch (err) {
    const { status: _status, ...failure } = toFailure(err);
    return failure;
  }
  return { ok: true, data: { next: "/signin?provider=google&next=%2F" } };
}
