import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { User } from "@/models/user";
import { requireUserId } from "./profile";

/**
 * Changes the signed-in user's password after checking the current one. A user who has only
 * signed in with Google has no current password and sets a first one.
 */
export async function changeMyPassword(ctx: TenantContext, input: { current?: string; next: string }): Promise<void> {
  const userId = requireUserId(ctx);
  const user = await scoped(ctx, User).findById(userId).select("+password_hash").lean();
  if (!user) throw new AppError("unauthorized", "Please sign in.");
  if (user.password_hash) {
    if (!input.current || !(await verifyPassword(user.password_hash, input.current))) {
      throw new AppError("bad_request", "Please correct the highlighted fields.", { current: ["The current password is not right"] });
    }
    if (input.current === input.next) {
      throw new AppError("bad_request", "Please correct the highlighted fields.", { next: ["Choose a password different from the current one"] });
    }
  }
  const password_hash = await hashPassword(input.next);
  // Guarded by the hash read above, so two changes at once cannot both pass the check.
  const res = await scoped(ctx, User).updateOne({ _id: user._id, password_hash: user.password_hash ?? null }, { $set: { password_hash } });
  if (res.modifiedCount !== 1) throw new AppError("conflict", "Your password was changed meanwhile. Reload the page and try again.");
  await recordActivity(ctx, { type: "password_changed", entityType: "user", entityId: user._id, description: "Changed their password" });
}
