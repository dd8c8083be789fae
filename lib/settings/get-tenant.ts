import "server-only";
import { tenantObjectId, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { Tenant, type TenantDoc } from "@/models/tenant";

export type TenantRecord = TenantDoc & { _id: import("mongoose").Types.ObjectId };

/** The acting company's tenant document (tenants are not tenant-owned: read by the context's id). */
export async function getTenantOrThrow(ctx: TenantContext): Promise<TenantRecord> {
  const tenant = await Tenant.findById(tenantObjectId(ctx)).lean<TenantRecord>();
  if (!tenant) throw new AppError("not_found", "Workspace not found");
  return tenant;
}
