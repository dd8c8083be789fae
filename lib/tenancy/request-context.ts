import "server-only";
import { notFound } from "next/navigation";
import type { TenantContext } from "@/lib/db/tenant-context";
import { currentTenant, type TenantInfo } from "./resolve-tenant";

/**
 * The tenant and acting context of a page request on a tenant host; answers not-found when the
 * host names no tenant.
 */
export async function getRequestContext(): Promise<{ tenant: TenantInfo; ctx: TenantContext }> {
  const tenant = await currentTenant();
  if (!tenant) notFound();
  return { tenant, ctx: { tenantId: tenant.id } };
}
