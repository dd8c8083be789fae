import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { Setting } from "@/models/setting";
import { recordSettingsChange } from "./record-setting-change";
import { parseSettingValue, settingValueText, settingValueType, type SettingValueType } from "./setting-values";
import { Template } from "@/models/template";

export type SettingView = {
  id: string;
  category: string;
  key: string;
  value: unknown;
  type: SettingValueType;
  /** The value as a person reads it: a template's name rather than its id. */
  shown: string;
  description: string | null;
  isSystem: boolean;
  updatedAt: string | null;
};
export type SettingsByCategory = { category: string; settings: SettingView[] }[];

/** Settings whose value must have one type, because code reads them. */
const TYPED: Record<string, SettingValueType> = { "permissions.reps_see_all_leads": "boolean", "deals.offer_rule_percent": "number" };

function toView(s: { _id: unknown; category: string; key: string; value?: unknown; description?: string | null; is_system?: boolean | null; updated_at?: Date | null }): SettingView {
  return {
    id: String(s._id),
    category: s.category,
    key: s.key,
    value: s.value ?? null,
    type: settingValueType(s.value),
    shown: settingValueText(s.value ?? null),
    description: s.description ?? null,
    isSystem: s.is_system === true,
    updatedAt: s.updated_at ? new Date(s.updated_at).toISOString() : null,
  };
}

function valueOrThrow(category: string, key: string, type: SettingValueType, text: string): unknown {
  const required = TYPED[`${category}.${key}`];
  if (required && required !== type) throw new AppError("bad_request", `${category} / ${key} must be ${required === "boolean" ? "true or false" : `a ${required}`}.`, { type: [`Must be ${required}`] });
  const parsed = parseSettingValue(type, text);
  if ("problem" in parsed) throw new AppError("bad_request", "Please correct the highlighted fields.", { value: [parsed.problem] });
  return parsed.value;
}

const ID = /^[0-9a-f]{24}$/i;
const refersToTemplate = (v: SettingView) => v.key.endsWith("_template") && typeof v.value === "string" && ID.test(v.value);

/**
 * Settings that point at a message template (`default_sms_template`) store its id; people are
 * shown its name, as `“New lead intro” (template)`, instead of the raw id.
 */
async function withTemplateNames(ctx: TenantContext, views: SettingView[]): Promise<SettingView[]> {
  const ids = [...new Set(views.filter(refersToTemplate).map((v) => v.value as string))];
  if (!ids.length) return views;
  const names = new Map((await scoped(ctx, Template).find({ _id: { $in: ids } }, { name: 1 }).lean()).map((t) => [String(t._id), t.name]));
  return views.map((v) => {
    if (!refersToTemplate(v)) return v;
    const name = names.get(v.value as string);
    return { ...v, shown: name ? `“${name}” (template)` : "A template that no longer exists" };
  });
}

/** Every setting of the workspace, grouped by category (categories and keys in order). */
export async function listSettings(ctx: TenantContext): Promise<SettingsByCategory> {
  requirePermission(ctx, "settings.read");
  const rows = await scoped(ctx, Setting).find({}).sort({ category: 1, key: 1 }).limit(1000).lean();
  const views = await withTemplateNames(ctx, rows.map((row) => toView(row as Parameters<typeof toView>[0])));
  const groups = new Map<string, SettingView[]>();
  for (const view of views) {
    groups.set(view.category, [...(groups.get(view.category) ?? []), view]);
  }
  return [...groups].map(([category, settings]) => ({ category, settings }));
}

export async function createSetting(
  ctx: TenantContext,
  input: { category: string; key: string; type: SettingValueType; value: string; description?: string },
): Promise<SettingView> {
  requirePermission(ctx, "settings.manage");
  const value = valueOrThrow(input.category, input.key, input.type, input.value);
  const settings = scoped(ctx, Setting);
  const exists = new AppError("conflict", `${input.category} / ${input.key} already exists. Edit it instead.`, { key: ["Already exists in this category"] });
  if (await settings.exists({ category: input.category, key: input.key })) throw exists;
  let created;
  try {
    created = await settings.create({ category: input.category, key: input.key, value, description: input.description, is_system: false });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw exists;
    throw err;
  }
  const view = toView(created.toObject() as Parameters<typeof toView>[0]);
  await recordSettingsChange(ctx, `setting ${input.category}/${input.key}`, null, { value }, { type: "setting", id: view.id });
  return view;
}

async function getEditableOrThrow(ctx: TenantContext, id: string) {
  const setting = await scoped(ctx, Setting).findById(id).lean();
  if (!setting) throw notFound("Setting");
  if (setting.is_system) throw new AppError("forbidden", "System settings are read-only.");
  return setting;
}

export async function updateSetting(ctx: TenantContext, id: string, input: { type: SettingValueType; value: string; description?: string }): Promise<SettingView> {
  requirePermission(ctx, "settings.manage");
  const setting = await getEditableOrThrow(ctx, id);
  const value = valueOrThrow(setting.category, setting.key, input.type, input.value);
  const updated = await scoped(ctx, Setting).updateById(id, {
    $set: { value, ...(input.description !== undefined ? { description: input.description } : {}) },
    ...(input.description === undefined ? { $unset: { description: 1 } } : {}),
  });
  if (!updated) throw notFound("Setting");
  await recordSettingsChange(ctx, `setting ${setting.category}/${setting.key}`, { value: setting.value ?? null }, { value }, { type: "setting", id });
  return toView(updated as Parameters<typeof toView>[0]);
}

export async function deleteSetting(ctx: TenantContext, id: string): Promise<void> {
  requirePermission(ctx, "settings.manage");
  const setting = await getEditableOrThrow(ctx, id);
  await scoped(ctx, Setting).deleteOne({ _id: setting._id, is_system: { $ne: true } });
  await recordSettingsChange(ctx, `setting ${setting.category}/${setting.key}`, { value: setting.value ?? null }, null, { type: "setting", id });
}
