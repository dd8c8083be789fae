import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { Invite } from "@/models/invite";
import { hashInviteToken, looksLikeInviteToken } from "./invite-token";
import { inviteStatus, type InviteStatus } from "./list-team";

export type InviteView = { email: string; role: Role; status: InviteStatus; expiresAt: string; companyName: string };

/**
 * What the accept page shows for a link: the company, the role and whether the link still works.
 * Null for a token this company never issued (another company's token included).
 */
export async function getInviteByToken(ctx: TenantContext, token: string): Promise<InviteView | null> {
  if (!looksLikeInviteToken(token)) return null;
  const invite = await scoped(ctx, Invite).findOne({ token_hash: hashInviteToken(token) }).lean();
  if (!invite) return null;
  const tenant = await getTenantOrThrow(ctx);
  return { email: invite.email ?? "", role: invite.role as Role, status: inviteStatus(invite), expiresAt: invite.expires_at.toISOString(), companyName: tenant.name };
}

export const INVITE_PROBLEMS: Record<Exclude<InviteStatus, "pending"> | "unknown", string> = {
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask your admin for a new invitation.",
  accepted: "This invitation link was already used. Sign in instead, or ask your admin for a new invitation.",
  expired: "This invitation link has expired. Ask your admin to send it again.",
  revoked: "This invitation was withdrawn. Ask your admin for a new invitation.",
};
