// Not server-only: the demo seed (a plain Node script) reads REPS_SEE_ALL_LEADS from here.
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Setting } from "@/models/setting";
import { REPS_SEE_ALL_LEADS } from "./permission-keys";

export { REPS_SEE_ALL_LEADS };

/**
 * Whether acquisition reps see every lead of the workspace, not only their own. Read by the
 * session code, which then grants REPS_SEE_ALL_GRANTS (lib/core/permissions.ts) to reps.
 * Needs only a tenant in the context. Off unless the setting is exactly `true`.
 */
export async function repsSeeAllLeads(ctx: Pick<TenantContext, "tenantId">): Promise<boolean> {
  const row = await scoped(ctx as TenantContext, Setting).findOne(REPS_SEE_ALL_LEADS, { value: 1 }).lean();
  return row?.value === true;
}
