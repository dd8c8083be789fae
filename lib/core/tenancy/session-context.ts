import "server-only";
import { loadMember, type Member } from "@/lib/core/session/member";
import { decodeTenantSession } from "@/lib/core/session/session-cookies";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { appDomain } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { classifyHost } from "./host";
import { findTenantForHost, type TenantInfo } from "./resolve-tenant";

/** What a request brings to identify its tenant and member: nothing else is consulted. */
export type RequestInput = { host: string | null; tenantSession?: string; ip?: string; userAgent?: string };

export type SessionState =
  | { kind: "no_tenant" }
  | { kind: "closed"; tenant: TenantInfo }
  | { kind: "signed_out"; tenant: TenantInfo }
  | { kind: "member"; tenant: TenantInfo; member: Member; ctx: TenantContext };

export const MESSAGES = {
  notFound: "Workspace not found",
  closed: "This workspace was closed.",
  signIn: "Please sign in.",
  suspended: "This workspace is suspended, so nothing can be changed. Your data is kept; an admin can reactivate the subscription.",
} as const;

/**
 * The tenant named by the Host, and the member its session cookie names after re-checking the
 * database (active, same e-mail, same session_version). Cancelled tenants are closed to everyone.
 */
export async function resolveSession(input: RequestInput): Promise<SessionState> {
  const tenant = await findTenantForHost(classifyHost(input.host, appDomain()));
  if (!tenant) return { kind: "no_tenant" };
  if (tenant.subscription_status === "cancelled") return { kind: "closed", tenant };
  const member = await loadMember(tenant.id, await decodeTenantSession(input.tenantSession));
  if (!member) return { kind: "signed_out", tenant };
  const ctx: TenantContext = {
    tenantId: tenant.id,
    actor: { kind: "member", userId: member.userId, role: member.role, name: member.name || member.email },
    userId: member.userId,
    role: member.role,
    permissions: member.permissions,
    ip: input.ip,
    userAgent: input.userAgent,
  };
  return { kind: "member", tenant, member, ctx };
}

/** The acting context for a server action or route handler, or the AppError that refuses it. */
export function actionContextFrom(state: SessionState, { write }: { write: boolean }): TenantContext {
  switch (state.kind) {
    case "no_tenant":
      throw new AppError("not_found", MESSAGES.notFound);
    case "closed":
      throw new AppError("not_found", MESSAGES.closed);
    case "signed_out":
      throw new AppError("unauthorized", MESSAGES.signIn);
    case "member":
      if (write && state.tenant.subscription_status === "suspended") throw new AppError("tenant_suspended", MESSAGES.suspended);
      return state.ctx;
  }
}

export async function resolveActionContext(input: RequestInput, options: { write: boolean }): Promise<TenantContext> {
  return actionContextFrom(await resolveSession(input), options);
}
