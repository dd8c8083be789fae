import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { Invite } from "@/models/invite";
import { User } from "@/models/user";
import { countSeats, type Seats } from "./seats";

export type TeamMember = { id: string; name: string; email: string; role: Role; isActive: boolean; lastLogin: string | null; isYou: boolean };
export type InviteStatus = "pending" | "expired" | "revoked" | "accepted";
export type TeamInvite = { id: string; email: string; role: Role; status: InviteStatus; expiresAt: string; lastSentAt: string | null; invitedBy: string | null };
export type Team = { members: TeamMember[]; invites: TeamInvite[]; seats: Seats };

export function inviteStatus(invite: { used_at?: Date | null; revoked_at?: Date | null; expires_at: Date }, now = new Date()): InviteStatus {
  if (invite.used_at) return "accepted";
  if (invite.revoked_at) return "revoked";
  return invite.expires_at <= now ? "expired" : "pending";
}

/** Members (active first, then by name) and the invitations not yet accepted, with the plan's seats. */
export async function listTeam(ctx: TenantContext): Promise<Team> {
  requirePermission(ctx, "users.manage");
  const [users, invites, seats] = await Promise.all([
    scoped(ctx, User).find({}, { name: 1, email: 1, role: 1, is_active: 1, last_login: 1 }).sort({ name: 1, _id: 1 }).lean(),
    scoped(ctx, Invite).find({ used_at: null }).sort({ created_at: -1 }).limit(200).lean(),
    countSeats(ctx),
  ]);
  const names = new Map(users.map((u) => [String(u._id), u.name]));
  const members = users
    .map((u) => ({
      id: String(u._id),
      name: u.name ?? "",
      email: u.email ?? "",
      role: u.role as Role,
      isActive: u.is_active !== false,
      lastLogin: u.last_login ? new Date(u.last_login).toISOString() : null,
      isYou: String(u._id) === ctx.userId,
    }))
    .sort((a, b) => Number(b.isActive) - Number(a.isActive));
  return {
    members,
    invites: invites.map((i) => ({
      id: String(i._id),
      email: i.email ?? "",
      role: i.role as Role,
      status: inviteStatus(i),
      expiresAt: i.expires_at.toISOString(),
      lastSentAt: i.last_sent_at ? i.last_sent_at.toISOString() : null,
      invitedBy: i.invited_by ? (names.get(String(i.invited_by)) ?? null) : null,
    })),
    seats,
  };
}
