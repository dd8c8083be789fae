import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import type { TenantContext } from "@/lib/core/db/tenant-context";

/** One activity per settings change, with the values before and after. */
export async function recordSettingsChange(
  ctx: TenantContext,
  what: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  entity: { type: "tenant" | "setting"; id?: string } = { type: "tenant" },
): Promise<void> {
  await recordActivity(ctx, {
    type: "settings_changed",
    entityType: entity.type,
    entityId: entity.id ?? (entity.type === "tenant" ? ctx.tenantId : undefined),
    description: `Changed ${what}`,
    metadata: { what, before, after },
  });
}
