import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { User } from "@/models/user";
import type { SignInMethod } from "@/lib/core/session/session-claims";

/**
 * A member started a session in their workspace: login stats and the activity log. login_count
 * is a plain $inc: FerretDB can lose one of two increments racing on the same user, which is
 * acceptable for a counter shown as information (last_login is what access reviews rely on).
 */
export async function recordSignIn(ctx: TenantContext & { userId: string }, info: { email: string; method: SignInMethod }): Promise<void> {
  await scoped(ctx, User).updateOne({ _id: ctx.userId }, { $inc: { login_count: 1 }, $set: { last_login: new Date() } });
  await recordActivity(ctx, {
    type: "user_signed_in",
    entityType: "user",
    entityId: ctx.userId,
    description: `${info.email} signed in${info.method === "google" ? " with Google" : ""}`,
    metadata: { email: info.email, method: info.method },
  });
}

export type FailureReason = "bad_password" | "unknown_email" | "inactive" | "not_member" | "google_mismatch" | "session_ended";

/** A refused sign-in, logged in the workspace it was aimed at (never with the password). */
export async function recordSignInFailure(
  ctx: TenantContext,
  info: { email: string; reason: FailureReason; method: SignInMethod; userId?: string },
): Promise<void> {
  // Nobody is signed in yet: the system records what the sign-in page refused.
  await recordActivity({ ...ctx, userId: undefined, actor: { kind: "system", source: "job", label: "Sign-in page" } }, {
    type: "user_sign_in_failed",
    entityType: "user",
    entityId: info.userId,
    description: `Refused sign-in for ${info.email}`,
    metadata: { email: info.email, reason: info.reason, method: info.method },
  });
}

export async function recordSignOut(ctx: TenantContext & { userId: string }, info: { email: string; everywhere: boolean }): Promise<void> {
  await recordActivity(ctx, {
    type: "user_signed_out",
    entityType: "user",
    entityId: ctx.userId,
    description: info.everywhere ? `${info.email} signed out everywhere` : `${info.email} signed out`,
    metadata: { email: info.email, everywhere: info.everywhere },
  });
}
