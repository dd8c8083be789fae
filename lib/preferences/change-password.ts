import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { signInSucceeded, takeSignInSlots } from "@/lib/core/rate-limit/sign-in-limits";
import { User } from "@/models/user";
import { requireUserId } from "./profile";

/**
 * Changes the signed-in user's password after checking the current one. A user who has only
 * signed in with Google has no current password and sets a first one. Wrong current passwords
 * spend the same failure budget as sign-in (a stolen session must not become a password oracle),
 * and the change ends the user's other sessions: it returns the new session version, with which
 * the caller re-issues the session of the browser that made the change.
 */
export async function changeMyPassword(ctx: TenantContext, input: { current?: string; next: string }): Promise<{ sessionVersion: number }> {
  const userId = requireUserId(ctx);
  const user = await scoped(ctx, User).findById(userId).select("+password_hash email session_version").lean();
  if (!user) throw new AppError("unauthorized", "Please sign in.");
  const attempt = { email: user.email ?? "", workspaces: [ctx.tenantId], ip: ctx.ip };
  if (user.password_hash) {
    // Counted before the check, atomically, like sign-in: racing guesses check at most 5.
    const slots = await takeSignInSlots(attempt);
    if (!input.current || !(await verifyPassword(user.password_hash, input.current))) {
      throw new AppError("bad_request", "Please correct the highlighted fields.", { current: ["The current password is not right"] });
    }
    await signInSucceeded(slots, [ctx.tenantId]);
    if (input.current === input.next) {
      throw new AppError("bad_request", "Please correct the highlighted fields.", { next: ["Choose a password different from the current one"] });
    }
  }
  const password_hash = await hashPassword(input.next);
  const sessionVersion = (user.session_version ?? 0) + 1;
  // Guarded by the hash and version read above, so two changes at once cannot both pass the check.
  const res = await scoped(ctx, User).updateOne(
    { _id: user._id, password_hash: user.password_hash ?? null, session_version: user.session_version ?? null },
    { $set: { password_hash, session_version: sessionVersion } },
  );
  if (res.modifiedCount !== 1) throw new AppError("conflict", "Your password was changed meanwhile. Reload the page and try again.");
  await recordActivity(ctx, { type: "password_changed", entityType: "user", entityId: user._id, description: "Changed their password; their other sessions were ended" });
  return { sessionVersion };
}
