import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { reserveSend } from "@/lib/core/rate-limit/send-limits";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { Invite } from "@/models/invite";
import { actorName } from "./invite-member";
import { hashInviteToken, INVITE_TTL_MS, newInviteToken } from "./invite-token";
import { assertSeatAvailable, planOverLimit, seatTakenMeanwhile } from "./seats";
import { sendInviteEmail } from "./send-invite-email";

/**
 * Sends an unused, unrevoked invitation again with a fresh link and a fresh 7 days; the old link
 * stops working. An expired one takes a seat again, so the plan limit is checked for it.
 */
export async function resendInvite(ctx: TenantContext, inviteId: string): Promise<{ expiresAt: Date; token: string }> {
  requirePermission(ctx, "users.manage");
  const invites = scoped(ctx, Invite);
  const invite = await invites.findById(inviteId).lean();
  if (!invite) throw notFound("Invitation");
  if (invite.used_at) throw new AppError("conflict", "This invitation was already accepted.");
  if (invite.revoked_at) throw new AppError("conflict", "This invitation was revoked. Invite the person again instead.");
  const now = new Date();
  if (invite.expires_at <= now) await assertSeatAvailable(ctx);
  // Paid for before the link changes: a refused resend leaves the invitation and its link as they were.
  const permit = await reserveSend({ kind: "invite", tenantId: ctx.tenantId, senderId: ctx.userId, to: invite.email ?? "" });

  const tenant = await getTenantOrThrow(ctx);
  const token = newInviteToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const res = await invites.updateOne(
    { _id: invite._id, used_at: null, revoked_at: null, token_hash: invite.token_hash },
    { $set: { token_hash: hashInviteToken(token), expires_at: expiresAt, last_sent_at: now, sent_count: (invite.sent_count ?? 0) + 1 } },
  );
  if (res.modifiedCount !== 1) throw new AppError("conflict", "This invitation changed meanwhile. Reload the page and try again.");
  if (invite.expires_at <= now && (await planOverLimit(ctx))) {
    await invites.updateOne({ _id: invite._id, token_hash: hashInviteToken(token) }, { $set: { token_hash: invite.token_hash, expires_at: invite.expires_at, last_sent_at: invite.last_sent_at, sent_count: invite.sent_count } });
    throw seatTakenMeanwhile();
  }

  await sendInviteEmail(permit, {
    companyName: tenant.name,
    subdomain: tenant.subdomain,
    role: invite.role as Role,
    token,
    invitedBy: await actorName(ctx),
    expiresAt,
  });
  await recordActivity(ctx, {
    type: "invite_resent",
    entityType: "user",
    description: `Sent the invitation to ${invite.email} again`,
    metadata: { invite_id: String(invite._id), email: invite.email, role: invite.role, before: { expires_at: invite.expires_at }, after: { expires_at: expiresAt } },
  });
  return { expiresAt, token };
}

/** Revokes a pending invitation: its link stops working at once and its seat is free again. */
export async function revokeInvite(ctx: TenantContext, inviteId: string): Promise<void> {
  requirePermission(ctx, "users.manage");
  const invites = scoped(ctx, Invite);
  const invite = await invites.findById(inviteId).lean();
  if (!invite) throw notFound("Invitation");
  if (invite.used_at) throw new AppError("conflict", "This invitation was already accepted; deactivate the user instead.");
  if (invite.revoked_at) return;
  const res = await invites.updateOne({ _id: invite._id, used_at: null, revoked_at: null }, { $set: { revoked_at: new Date() } });
  if (res.modifiedCount !== 1) throw new AppError("conflict", "This invitation was accepted meanwhile; deactivate the user instead.");
  await recordActivity(ctx, {
    type: "invite_revoked",
    entityType: "user",
    description: `Revoked the invitation to ${invite.email}`,
    metadata: { invite_id: String(invite._id), email: invite.email, role: invite.role, before: { status: "pending" }, after: { status: "revoked" } },
  });
}

/** Deletes invitations that expired more than `olderThanDays` ago (FerretDB has no TTL index). */
export async function purgeExpiredInvites(ctx: TenantContext, olderThanDays = 30): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanDays * 24 * 60 * 60 * 1000);
  const res = await scoped(ctx, Invite).deleteMany({ used_at: null, expires_at: { $lt: cutoff } });
  return res.deletedCount;
}
