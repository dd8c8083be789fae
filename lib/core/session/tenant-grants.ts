import "server-only";
import { REPS_SEE_ALL_GRANTS, type Permission } from "@/lib/core/permissions";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { repsSeeAllLeads } from "@/lib/core/permission-settings";

/** Permissions the workspace grants a role beyond the table: "reps see all leads" for acquisition reps. */
export async function tenantGrants(ctx: Pick<TenantContext, "tenantId">, role: Role): Promise<readonly Permission[]> {
  if (role !== "acquisition_rep") return [];
  return (await repsSeeAllLeads(ctx)) ? REPS_SEE_ALL_GRANTS : [];
}
