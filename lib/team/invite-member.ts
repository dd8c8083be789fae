import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { reserveSend } from "@/lib/core/rate-limit/send-limits";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { normalizeEmail } from "@/lib/validation/email";
import { Invite } from "@/models/invite";
import { User } from "@/models/user";
import { hashInviteToken, INVITE_TTL_MS, newInviteToken } from "./invite-token";
import { assertSeatAvailable, pendingInviteFilter, planOverLimit, seatTakenMeanwhile } from "./seats";
import { sendInviteEmail } from "./send-invite-email";

export type InviteResult = { inviteId: string; email: string; role: Role; expiresAt: Date; token: string };

/** The acting admin's name, for the e-mail ("Alex Morgan invited you"). */
export async function actorName(ctx: TenantContext): Promise<string | undefined> {
  if (!ctx.userId) return undefined;
  const me = await scoped(ctx, User).findById(ctx.userId, { name: 1 }).lean();
  return me?.name ?? undefined;
}

/**
 * Invites someone by e-mail: a single-use link that expires in 7 days, mailed to them. The token
 * goes only into the e-mail (and to the caller, for tests); the database keeps its hash.
 * Active users plus pending invitations may not exceed the plan's max_users.
 */
export async function inviteMember(ctx: TenantContext, input: { email: string; role: Role }): Promise<InviteResult> {
  requirePermission(ctx, "users.manage");
  const email = normalizeEmail(input.email);
  const invites = scoped(ctx, Invite);

  if (await scoped(ctx, User).exists({ email, is_active: true })) {
    throw new AppError("conflict", `${email} is already a member of this workspace.`, { email: ["Already a member"] });
  }
  const existing = await invites.findOne({ email }).lean();
  if (existing) {
    if (await invites.exists({ _id: existing._id, ...pendingInviteFilter() })) {
      throw new AppError("conflict", `${email} already has a pending invitation. Resend it from the list instead.`, {
        email: ["Already invited: resend the invitation instead"],
      });
    }
    // A used, revoked or expired invitation makes room for the new one (one row per e-mail).
    await invites.deleteOne({ _id: existing._id });
  }
  await assertSeatAvailable(ctx);
  // Paid for before anything is written: a refused invitation leaves no row and no mail.
  const permit = await reserveSend({ kind: "invite", tenantId: ctx.tenantId, senderId: ctx.userId, to: email });

  const tenant = await getTenantOrThrow(ctx);
  const token = newInviteToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  let invite;
  try {
    invite = await invites.create({
      email,
      role: input.role,
      token_hash: hashInviteToken(token),
      invited_by: ctx.userId,
      expires_at: expiresAt,
      sent_count: 1,
      last_sent_at: now,
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw new AppError("conflict", `${email} already has a pending invitation.`, { email: ["Already invited"] });
    }
    throw err;
  }

  if (await planOverLimit(ctx)) {
    await invites.deleteOne({ _id: invite._id });
    throw seatTakenMeanwhile();
  }

  try {
    await sendInviteEmail(permit, {
      companyName: tenant.name,
      subdomain: tenant.subdomain,
      role: input.role,
      token,
      invitedBy: await actorName(ctx),
      expiresAt,
    });
  } catch (err) {
    // No e-mail, no invitation: the seat is given back and the admin can simply try again.
    await invites.deleteOne({ _id: invite._id });
    console.error("[mail] invitation e-mail failed", err);
    throw new AppError("internal", "The invitation e-mail could not be sent, so no invitation was created. Please try again.");
  }

  await recordActivity(ctx, {
    type: "invite_sent",
    entityType: "user",
    description: `Invited ${email} as ${input.role}`,
    metadata: { invite_id: String(invite._id), email, role: input.role, expires_at: expiresAt.toISOString(), before: null, after: { email, role: input.role } },
  });
  return { inviteId: String(invite._id), email, role: input.role, expiresAt, token };
}
