import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { getTenantOrThrow } from "@/lib/settings/get-tenant";
import { Invite } from "@/models/invite";
import { User } from "@/models/user";

export type Seats = { max: number; active: number; pending: number; plan: string };

/** An invitation that can still be accepted: not used, not revoked, not expired. */
export function pendingInviteFilter(now = new Date()) {
  return { used_at: null, revoked_at: null, expires_at: { $gt: now } };
}

/** Seats of the plan: active users plus pending invitations count against max_users. */
export async function countSeats(ctx: TenantContext): Promise<Seats> {
  const [tenant, active, pending] = await Promise.all([
    getTenantOrThrow(ctx),
    scoped(ctx, User).countDocuments({ is_active: true }),
    scoped(ctx, Invite).countDocuments(pendingInviteFilter()),
  ]);
  return { max: tenant.max_users ?? 0, active, pending, plan: tenant.subscription_plan ?? "basic" };
}

/**
 * Throws limit_reached unless one more person fits in the plan. `freed` counts seats the caller
 * is about to give back (an invitation being renewed already holds one).
 */
export async function assertSeatAvailable(ctx: TenantContext, { freed = 0 }: { freed?: number } = {}): Promise<void> {
  const seats = await countSeats(ctx);
  if (seats.active + seats.pending - freed < seats.max) return;
  throw new AppError("limit_reached", seatsMessage(seats));
}

const SEAT_RACE = "Someone else took the last free seat of your plan at the same moment. Please try again.";

/**
 * No transactions on FerretDB: two admins inviting or reactivating at the same moment can both
 * pass assertSeatAvailable. After taking a seat the caller looks again with this, and gives the
 * seat back when the plan is over its limit (every racer does, so none stays over the limit).
 */
export async function planOverLimit(ctx: TenantContext, { pendingHoldSeats = true }: { pendingHoldSeats?: boolean } = {}): Promise<boolean> {
  const seats = await countSeats(ctx);
  return seats.active + (pendingHoldSeats ? seats.pending : 0) > seats.max;
}

/** The refusal once a seat was given back: the check before writing saw a free one, so another request took it. */
export function seatTakenMeanwhile(): AppError {
  return new AppError("limit_reached", SEAT_RACE);
}

export function seatsMessage(seats: Seats): string {
  const plan = seats.plan.charAt(0).toUpperCase() + seats.plan.slice(1);
  return (
    `Your ${plan} plan allows ${seats.max} users, and ${seats.active} active ${seats.active === 1 ? "user" : "users"} ` +
    `plus ${seats.pending} pending ${seats.pending === 1 ? "invitation" : "invitations"} use them all. ` +
    `Revoke an invitation, deactivate someone, or change the plan.`
  );
}
