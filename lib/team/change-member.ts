import "server-only";
import type { Types } from "mongoose";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { User } from "@/models/user";
import { assertSeatAvailable, planOverLimit, seatTakenMeanwhile } from "./seats";

const LAST_ADMIN = "A workspace needs at least one active admin. Make someone else an admin first.";

async function activeAdminsOtherThan(ctx: TenantContext, userId: Types.ObjectId): Promise<number> {
  return scoped(ctx, User).countDocuments({ role: "admin", is_active: true, _id: { $ne: userId } });
}

async function getMemberOrThrow(ctx: TenantContext, userId: string) {
  const user = await scoped(ctx, User).findById(userId, { name: 1, email: 1, role: 1, is_active: 1, session_version: 1 }).lean();
  if (!user) throw notFound("User");
  return user;
}

/**
 * Two admins demoting each other at the same moment could both pass the check above; after the
 * write we look again and undo our own change if it left the workspace without an active admin.
 */
async function undoIfNoAdminLeft(ctx: TenantContext, userId: Types.ObjectId, undo: Record<string, unknown>): Promise<void> {
  const admins = await scoped(ctx, User).countDocuments({ role: "admin", is_active: true });
  if (admins > 0) return;
  await scoped(ctx, User).updateOne({ _id: userId }, { $set: undo });
  throw new AppError("conflict", LAST_ADMIN);
}

/** Changes a member's role. The last active admin cannot be demoted. */
export async function changeMemberRole(ctx: TenantContext, userId: string, role: Role): Promise<void> {
  requirePermission(ctx, "users.manage");
  const user = await getMemberOrThrow(ctx, userId);
  if (user.role === role) return;
  if (user.role === "admin" && user.is_active !== false && (await activeAdminsOtherThan(ctx, user._id)) === 0) {
    throw new AppError("conflict", LAST_ADMIN);
  }
  const res = await scoped(ctx, User).updateOne({ _id: user._id, role: user.role }, { $set: { role } });
  if (res.matchedCount !== 1) throw new AppError("conflict", "This user changed meanwhile. Reload the page and try again.");
  if (user.role === "admin") await undoIfNoAdminLeft(ctx, user._id, { role: user.role });
  await recordActivity(ctx, {
    type: "role_changed",
    entityType: "user",
    entityId: user._id,
    description: `Changed ${user.name}'s role from ${user.role} to ${role}`,
    metadata: { email: user.email, before: { role: user.role }, after: { role } },
  });
}

/**
 * Deactivates a member and ends every session of theirs at once: is_active false and a new
 * session_version, both of which the session check honours. The version is set from the value
 * read, guarded by it (FerretDB can lose concurrent $inc updates).
 */
export async function deactivateMember(ctx: TenantContext, userId: string): Promise<void> {
  requirePermission(ctx, "users.manage");
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const user = await getMemberOrThrow(ctx, userId);
    if (user.is_active === false) return;
    if (user.role === "admin" && (await activeAdminsOtherThan(ctx, user._id)) === 0) throw new AppError("conflict", LAST_ADMIN);
    const version = user.session_version ?? 0;
    const res = await scoped(ctx, User).updateOne(
      { _id: user._id, is_active: { $ne: false }, session_version: user.session_version ?? null },
      { $set: { is_active: false, session_version: version + 1 } },
    );
    if (res.modifiedCount !== 1) continue;
    if (user.role === "admin") await undoIfNoAdminLeft(ctx, user._id, { is_active: true });
    await recordActivity(ctx, {
      type: "user_deactivated",
      entityType: "user",
      entityId: user._id,
      description: `Deactivated ${user.name}`,
      metadata: { email: user.email, before: { is_active: true, session_version: version }, after: { is_active: false, session_version: version + 1 } },
    });
    return;
  }
  throw new AppError("conflict", "This user changed meanwhile. Reload the page and try again.");
}

/** Lets a deactivated member sign in again; they take a seat of the plan again. */
export async function reactivateMember(ctx: TenantContext, userId: string): Promise<void> {
  requirePermission(ctx, "users.manage");
  const user = await getMemberOrThrow(ctx, userId);
  if (user.is_active !== false) return;
  await assertSeatAvailable(ctx);
  const res = await scoped(ctx, User).updateOne({ _id: user._id, is_active: false }, { $set: { is_active: true } });
  if (res.modifiedCount !== 1) return;
  // Two reactivations (or acceptances) at the same moment can both pass the check above: look
  // again now that this one holds its seat, and give it back if the plan is over its limit.
  if (await planOverLimit(ctx)) {
    await scoped(ctx, User).updateOne({ _id: user._id, is_active: true }, { $set: { is_active: false } });
    throw seatTakenMeanwhile();
  }
  await recordActivity(ctx, {
    type: "user_reactivated",
    entityType: "user",
    entityId: user._id,
    description: `Reactivated ${user.name}`,
    metadata: { email: user.email, before: { is_active: false }, after: { is_active: true } },
  });
}
