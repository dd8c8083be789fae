import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/db/tenant-context";
import { currentTenant, type TenantInfo } from "./resolve-tenant";

// Sign-in is not built yet: until it is, the tenant host alone gives read access, and writes are
// refused. The sign-in work replaces both functions' user part with the session's member.

async function requestMeta(): Promise<Pick<TenantContext, "ip" | "userAgent">> {
  const h = await headers();
  return {
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || undefined,
    userAgent: h.get("user-agent")?.slice(0, 512) || undefined,
  };
}

/**
 * The tenant and acting context of a page request on a tenant host; answers not-found when the
 * host names no tenant.
 */
export async function getRequestContext(): Promise<{ tenant: TenantInfo; ctx: TenantContext }> {
  const tenant = await currentTenant();
  if (!tenant) notFound();
  return { tenant, ctx: { tenantId: tenant.id, ...(await requestMeta()) } };
}

/** The acting context for a server action or route handler; throws AppError instead of rendering. */
export async function getActionContext({ write }: { write: boolean }): Promise<TenantContext> {
  const tenant = await currentTenant();
  if (!tenant) throw new AppError("not_found", "Workspace not found");
  if (write) throw new AppError("unauthorized", "Please sign in.");
  return { tenantId: tenant.id, ...(await requestMeta()) };
}
