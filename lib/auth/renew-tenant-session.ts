import "server-only";
import { cookies } from "next/headers";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { decodeTenantSession, encodeTenantSession, SESSION_MAX_AGE_SECONDS, sessionCookieOptions, tenantSessionCookieName } from "@/lib/core/session/session-cookies";

/**
 * Re-issues this browser's session on the tenant host with a new session_version, after a change
 * that bumped it to end the member's other sessions (a password change) but should keep this one.
 */
export async function renewTenantSession(ctx: TenantContext, sessionVersion: number): Promise<void> {
  const jar = await cookies();
  const claims = await decodeTenantSession(jar.get(tenantSessionCookieName())?.value);
  if (!claims || claims.sub !== ctx.userId || claims.tid !== ctx.tenantId) return;
  jar.set(tenantSessionCookieName(), await encodeTenantSession({ ...claims, sv: sessionVersion }), sessionCookieOptions(SESSION_MAX_AGE_SECONDS));
}
