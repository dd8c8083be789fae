import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { recordSettingsChange } from "@/lib/settings/record-setting-change";
import { Setting } from "@/models/setting";
import { DEFAULT_OFFER_RULE } from "./analyzer";

/** The workspace setting holding the offer rule (percent of ARV a cash buyer pays before repairs). */
export const OFFER_RULE_SETTING = { category: "deals", key: "offer_rule_percent" } as const;

/** The workspace's offer rule, 70 unless an admin set another (1–100). */
export async function getOfferRule(ctx: TenantContext): Promise<number> {
  const row = await scoped(ctx, Setting).findOne(OFFER_RULE_SETTING, { value: 1 }).lean();
  const v = row?.value;
  return typeof v === "number" && Number.isFinite(v) && v >= 1 && v <= 100 ? v : DEFAULT_OFFER_RULE;
}

export async function setOfferRule(ctx: TenantContext, percent: number): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const before = await getOfferRule(ctx);
  if (before === percent) return;
  await scoped(ctx, Setting).updateOne(
    OFFER_RULE_SETTING,
    { $set: { value: percent }, $setOnInsert: { description: "Deal analyzer: percent of ARV a cash buyer pays before repairs (MAO = ARV × rule − repairs)", is_system: false } },
    { upsert: true },
  );
  await recordSettingsChange(ctx, "offer rule", { offer_rule_percent: before }, { offer_rule_percent: percent });
}
