// Test builders for the lead workspace: a tenant with an admin and two reps as real users.
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { effectivePermissions } from "@/lib/core/permissions";
import { createTenant } from "@/lib/testing/factories";
import { Tenant } from "@/models/tenant";
import { User } from "@/models/user";

let n = 0;

export async function createWorkspace({ maxLeads }: { maxLeads?: number } = {}) {
  const { tenant, ctx: base } = await createTenant();
  if (maxLeads !== undefined) await Tenant.updateOne({ _id: tenant._id }, { $set: { max_leads: maxLeads } });
  const users = scoped(base, User);
  n += 1;
  const [admin, rep, rep2] = await Promise.all([
    users.create({ email: `admin${n}@x.com`, name: "Ada Admin", role: "admin" }),
    users.create({ email: `rep${n}@x.com`, name: "Rex Rep", role: "acquisition_rep" }),
    users.create({ email: `rep2${n}@x.com`, name: "Rita Rep", role: "acquisition_rep" }),
  ]);
  const meta = { ip: "203.0.113.7", userAgent: "vitest" };
  const as = (u: { _id: unknown; role: string }): TenantContext => ({
    tenantId: String(tenant._id),
    userId: String(u._id),
    role: u.role as TenantContext["role"],
    permissions: effectivePermissions(u.role as NonNullable<TenantContext["role"]>),
    ...meta,
  });
  return { tenant, admin: as(admin), rep: as(rep), rep2: as(rep2), ids: { admin: String(admin._id), rep: String(rep._id), rep2: String(rep2._id) } };
}
