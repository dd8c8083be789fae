import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { recordSettingsChange } from "@/lib/settings/record-setting-change";
import { Setting } from "@/models/setting";
import { companyHoursRule, parseStoredCompanyHours, validateCompanyHours, type CompanyHours, type CompanyHoursInput } from "./company-hours";
import type { HoursRule } from "./outreach-rules";

/**
 * Where the hours live: a workspace setting marked system, so the generic settings editor shows it
 * but cannot write a value that skipped the validation here.
 */
export const COMPANY_HOURS_SETTING = { category: "compliance", key: "company_hours" } as const;

/** The company's own hours, or null when only the law's apply. */
export async function getCompanyHours(ctx: TenantContext): Promise<CompanyHours | null> {
  const row = await scoped(ctx, Setting).findOne(COMPANY_HOURS_SETTING, { value: 1 }).lean();
  return parseStoredCompanyHours(row?.value);
}

/** The extra hours rules the gate applies for this company (none, or its own hours). */
export async function companyHoursRules(ctx: TenantContext): Promise<HoursRule[]> {
  const hours = await getCompanyHours(ctx);
  return hours ? [companyHoursRule(hours)] : [];
}

const toValue = (h: CompanyHours) => ({ weekday: [...h.weekday], saturday: h.saturday ? [...h.saturday] : null, sunday: h.sunday ? [...h.sunday] : null, holidays: h.holidays });

/**
 * Sets the company's own hours (admins), or clears them (null: the law's hours only). Applied by
 * the gate from the next check on, to every text and call, scheduled ones included when their
 * send job checks again.
 */
export async function setCompanyHours(ctx: TenantContext, input: CompanyHoursInput | null): Promise<CompanyHours | null> {
  requirePermission(ctx, "settings.manage");
  const before = await getCompanyHours(ctx);
  const settings = scoped(ctx, Setting);
  if (input === null) {
    await settings.deleteOne(COMPANY_HOURS_SETTING);
    if (before) await recordSettingsChange(ctx, "company outreach hours", toValue(before), null);
    return null;
  }
  const checked = validateCompanyHours(input);
  if (!checked.ok) throw new AppError("bad_request", "Please correct the highlighted fields.", checked.fieldErrors);
  const value = toValue(checked.hours);
  await settings.updateOne(
    COMPANY_HOURS_SETTING,
    { $set: { value, is_system: true }, $setOnInsert: { description: "The company's own texting and calling hours, stricter than the law (Settings → Compliance)" } },
    { upsert: true },
  );
  await recordSettingsChange(ctx, "company outreach hours", before ? toValue(before) : null, value);
  return checked.hours;
}
