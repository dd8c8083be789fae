import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { MESSAGES } from "@/lib/core/tenancy/session-context";
import { normalizeEmail } from "@/lib/validation/email";
import { Invite } from "@/models/invite";
import { User } from "@/models/user";
import { INVITE_PROBLEMS } from "./get-invite";
import { hashInviteToken, looksLikeInviteToken } from "./invite-token";
import { inviteStatus } from "./list-team";
import { countSeats, planOverLimit, seatTakenMeanwhile, seatsMessage } from "./seats";

export type AcceptInviteInput = {
  tenantId: string;
  token: string;
  /** The password path: the new member's name and password. */
  name?: string;
  password?: string;
  /** The Google path: the verified Google account that signed in with the link's cookie. */
  google?: { sub: string; email: string; name?: string | null };
  ip?: string;
  userAgent?: string;
};

/**
 * Turns an invitation into an active member: creates the user (or reactivates a former member with
 * the same e-mail) with the invited role, and marks the invitation used. Exactly one caller wins
 * the link: the invitation is claimed with a conditional update (`used_at: null` → now) before any
 * user is written, so a double submit or a second use fails and changes nothing. Throws AppError
 * for an unknown (or another company's), used, revoked or expired link, and for a Google account
 * whose e-mail is not the invited one.
 */
export async function acceptInvite(input: AcceptInviteInput): Promise<{ userId: string }> {
  const ctx: TenantContext = { tenantId: input.tenantId, ip: input.ip, userAgent: input.userAgent };
  const invites = scoped(ctx, Invite);
  const invite = looksLikeInviteToken(input.token) ? await invites.findOne({ token_hash: hashInviteToken(input.token) }).lean() : null;
  if (!invite) throw new AppError("not_found", INVITE_PROBLEMS.unknown);
  const status = inviteStatus(invite);
  if (status !== "pending") throw new AppError(status === "expired" ? "bad_request" : "conflict", INVITE_PROBLEMS[status]);
  // Joining is a write: a suspended workspace takes no new members, a closed one none at all.
  const tenant = await getTenantOrThrow(ctx);
  if (tenant.subscription_status === "cancelled") throw new AppError("not_found", INVITE_PROBLEMS.unknown);
  if (tenant.subscription_status === "suspended") throw new AppError("tenant_suspended", MESSAGES.suspended);

  let name: string;
  let passwordHash: string | undefined;
  if (input.google) {
    if (normalizeEmail(input.google.email) !== invite.email) {
      throw new AppError("forbidden", `This invitation is for ${invite.email}. Sign in with the Google account of that address.`);
    }
    name = (input.google.name?.trim() || invite.email.split("@")[0]).slice(0, 100);
  } else {
    const fieldErrors: Record<string, string[]> = {};
    name = input.name?.trim() ?? "";
    if (!name || name.length > 100) fieldErrors.name = ["Name must be 1 to 100 characters"];
    if (!input.password || input.password.length < PASSWORD_MIN_LENGTH) fieldErrors.password = [`Use at least ${PASSWORD_MIN_LENGTH} characters`];
    if (Object.keys(fieldErrors).length) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors);
    passwordHash = await hashPassword(input.password!);
  }

  const users = scoped(ctx, User);
  const existing = await users
    .findOne({ email: invite.email }, { is_active: 1, name: 1, role: 1, is_verified: 1, password_hash: 1, google_id: 1, updated_at: 1 })
    .lean();
  if (existing && existing.is_active !== false) {
    throw new AppError("conflict", `${invite.email} is already a member of this workspace. Sign in instead.`);
  }
  // The invitation held a seat; if the plan shrank since, the new member must still fit.
  const seats = await countSeats(ctx);
  if (seats.active >= seats.max) throw new AppError("limit_reached", seatsMessage(seats));

  const now = new Date();
  const claim = await invites.updateOne(
    { _id: invite._id, used_at: null, revoked_at: null, expires_at: { $gt: now } },
    { $set: { used_at: now } },
  );
  if (claim.modifiedCount !== 1) throw new AppError("conflict", INVITE_PROBLEMS.accepted);
  // No transactions on FerretDB: on any failure below, the link is given back so the person can try again.
  const giveBackLink = () => invites.updateOne({ _id: invite._id, used_at: now }, { $set: { used_at: null } });

  const fields = {
    name,
    role: invite.role,
    is_active: true,
    is_verified: true,
    ...(passwordHash ? { password_hash: passwordHash } : {}),
    ...(input.google ? { google_id: input.google.sub } : {}),
  };
  let userId: string;
  let undoUser: () => Promise<unknown>;
  try {
    if (existing) {
      await users.updateOne({ _id: existing._id }, { $set: fields });
      userId = String(existing._id);
      undoUser = () => users.updateOne({ _id: existing._id }, restoreFields(existing, [...Object.keys(fields), "updated_at"]), { timestamps: false });
    } else {
      const created = await users.create({ email: invite.email, ...fields });
      userId = String(created._id);
      undoUser = () => users.deleteOne({ _id: created._id });
    }
  } catch (err) {
    await giveBackLink();
    throw err;
  }
  // Two acceptances at the same moment can both pass the seat check above: look again now that
  // this one holds its seat, and give it back if the plan is over its limit.
  if (await planOverLimit(ctx, { pendingHoldSeats: false })) {
    await undoUser();
    await giveBackLink();
    throw seatTakenMeanwhile();
  }
  await invites.updateOne({ _id: invite._id }, { $set: { accepted_user_id: userId } });

  await recordActivity({ ...ctx, userId }, {
    type: "invite_accepted",
    entityType: "user",
    entityId: userId,
    description: `${invite.email} accepted the invitation as ${invite.role}`,
    metadata: {
      invite_id: String(invite._id),
      email: invite.email,
      role: invite.role,
      method: input.google ? "google" : "password",
      before: existing ? { is_active: false } : null,
      after: { is_active: true, role: invite.role },
    },
  });
  return { userId };
}

/** The update that puts back the fields an acceptance overwrote on a former member. */
function restoreFields(before: Record<string, unknown>, keys: string[]) {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const key of keys) {
    if (before[key] === undefined || before[key] === null) $unset[key] = 1;
    else $set[key] = before[key];
  }
  return { $set, ...(Object.keys($unset).length ? { $unset } : {}) };
}
