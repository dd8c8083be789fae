// Test helpers for sign-in and sessions: members with passwords, and the session cookie a member
// would hold on their workspace host after signing in.
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { User } from "@/models/user";
import { hashPassword } from "@/lib/auth/password";
import { encodeTenantSession } from "@/lib/core/session/session-cookies";
import { startTenantSession } from "@/lib/core/session/session-registry";
import type { SignInMethod } from "@/lib/core/session/session-claims";

process.env.NEXTAUTH_SECRET ??= "vitest-only-secret-not-for-production";

export const TEST_PASSWORD = "correct-horse-battery";

let n = 0;

export async function createSignInMember(
  ctx: Pick<TenantContext, "tenantId">,
  options: { role?: Role; email?: string; password?: string | null; isActive?: boolean; permissions?: string[]; googleId?: string } = {},
) {
  n += 1;
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  const user = await scoped(ctx as TenantContext, User).create({
    email: options.email ?? `person${n}-${Date.now()}@example.com`,
    name: `Person ${n}`,
    role: options.role ?? "admin",
    permissions: options.permissions ?? [],
    is_active: options.isActive ?? true,
    ...(password ? { password_hash: await hashPassword(password) } : {}),
    ...(options.googleId ? { google_id: options.googleId } : {}),
  });
  return { id: String(user._id), email: user.email as string, password: password ?? "" };
}

/** The tenant session cookie value for a member as stored now (its e-mail and session_version), live in the registry. */
export async function tenantSessionFor(tenantId: string, userId: string, amr: SignInMethod = "password"): Promise<string> {
  const user = await scoped({ tenantId }, User).findById(userId, { email: 1, session_version: 1 }).lean();
  if (!user) throw new Error("no such member");
  return encodeTenantSession({ typ: "tenant", sub: userId, tid: tenantId, email: user.email!, sv: user.session_version ?? 0, amr, sid: (await startTenantSession(null))! });
}
