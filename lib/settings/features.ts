import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { FEATURE_LABELS, isFeatureEnabled, type FeatureKey, type FeatureSettings } from "./feature-keys";
import { getTenantOrThrow } from "./get-tenant";

export { FEATURE_KEYS, FEATURE_LABELS, isFeatureEnabled, type FeatureKey } from "./feature-keys";

type TenantLike = { settings?: FeatureSettings | null };

/**
 * The gate for a switchable feature: throws a forbidden AppError when the workspace has it turned
 * off. Give it the tenant when the caller already has it (pages: `getRequestContext().tenant`),
 * else the acting context and the tenant is read.
 */
export async function requireFeature(tenantOrCtx: TenantLike | TenantContext, key: FeatureKey): Promise<void> {
  const tenant = "settings" in tenantOrCtx ? tenantOrCtx : await getTenantOrThrow(tenantOrCtx as TenantContext);
  if (!isFeatureEnabled(tenant as TenantLike, key)) {
    throw new AppError("forbidden", `${FEATURE_LABELS[key].label} is turned off for this workspace. An admin can turn it on in Settings → Workspace.`);
  }
}
