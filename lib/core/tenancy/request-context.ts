import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { Member } from "@/lib/core/session/member";
import { tenantSessionCookieName } from "@/lib/core/session/session-cookies";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { INTERNAL_PATH_HEADER } from "./internal-headers";
import { safeNextPath } from "./origins";
import { clientIpFrom, userAgentFrom } from "./request-meta";
import type { TenantInfo } from "./resolve-tenant";
import { actionContextFrom, resolveSession, type RequestInput, type SessionState } from "./session-context";

/** The current request's host, session cookie, IP and user agent. */
export const currentRequestInput = cache(async (): Promise<RequestInput> => {
  const h = await headers();
  const c = await cookies();
  return {
    host: h.get("host"),
    tenantSession: c.get(tenantSessionCookieName())?.value,
    ip: clientIpFrom(h),
    userAgent: userAgentFrom(h),
  };
});

/** Tenant and member of the current request, resolved once per request. */
export const currentSession = cache(async (): Promise<SessionState> => resolveSession(await currentRequestInput()));

/** The path the visitor asked for on this host (as proxy.ts saw it), for returning after sign-in. */
export async function currentPath(): Promise<string> {
  return safeNextPath((await headers()).get(INTERNAL_PATH_HEADER));
}

/**
 * The tenant and signed-in member of a page request on a tenant host. Unknown or closed
 * workspace: not-found. Nobody signed in (or the session no longer holds): redirect to the
 * tenant's sign-in, coming back here afterwards. A suspended workspace still resolves (pages
 * read); the tenant layout shows the suspended page, and writes are refused by getActionContext.
 */
export async function getRequestContext(): Promise<{ tenant: TenantInfo; ctx: TenantContext; member: Member }> {
  const state = await currentSession();
  if (state.kind === "no_tenant" || state.kind === "closed") notFound();
  if (state.kind === "signed_out") redirect(`/signin?next=${encodeURIComponent(await currentPath())}`);
  return { tenant: state.tenant, ctx: state.ctx, member: state.member };
}

/**
 * The acting context for a server action or route handler. Throws AppError: not_found (unknown
 * or closed workspace), unauthorized (not signed in), tenant_suspended (a write while suspended).
 */
export async function getActionContext({ write }: { write: boolean }): Promise<TenantContext> {
  return actionContextFrom(await currentSession(), { write });
}
