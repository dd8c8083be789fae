import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { User } from "@/models/user";
import type { TenantClaims } from "@/lib/core/session/session-claims";
import { startTenantSession } from "@/lib/core/session/session-registry";
import { recordSignIn } from "./sign-in-events";

/**
 * The workspace session of a person who has just accepted an invitation with a name and a
 * password. The link proved their e-mail (only that inbox received it, and it works once) and
 * they chose the password a moment ago, so making them type both again on the sign-in form proves
 * nothing more. The session is minted on this host only, from no root session: other workspaces
 * of the same e-mail still need a sign-in. Null when the member is not active (then: sign in).
 */
export async function startInvitedSession(ctx: TenantContext & { userId: string }): Promise<TenantClaims | null> {
  const user = await scoped(ctx, User).findById(ctx.userId, { email: 1, is_active: 1, session_version: 1 }).lean();
  if (!user?.email || user.is_active === false) return null;
  const sid = await startTenantSession(null);
  if (!sid) return null;
  await recordSignIn(ctx, { email: user.email, method: "password" });
  return { typ: "tenant", sub: ctx.userId, tid: ctx.tenantId, email: user.email, sv: user.session_version ?? 0, amr: "password", sid };
}
