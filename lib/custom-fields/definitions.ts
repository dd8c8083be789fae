import "server-only";
import { z } from "zod";
import { requirePermission } from "@/lib/core/permissions";
import { recordActivity } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { CUSTOM_FIELD_KEY_PATTERN, CUSTOM_FIELD_TYPES, customFieldDefinitionsSchema, type CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { Lead } from "@/models/lead";
import { Setting } from "@/models/setting";
import type { RemovedCustomField } from "./field-keys";
import { saveCustomFieldsSchema } from "./schemas";

// Definitions live in the tenant's settings: one document, { category: "custom_fields", key: "leads" },
// whose value is { fields, removed }. `removed` remembers fields taken off the list (their values
// stay on leads, hidden) so a later field with the same key cannot reinterpret them as another type.
const WHERE = { category: "custom_fields", key: "leads" } as const;
const MAX_REMOVED = 200;

const removedSchema = z.array(
  z.object({ key: z.string().regex(CUSTOM_FIELD_KEY_PATTERN), label: z.string(), type: z.enum(CUSTOM_FIELD_TYPES), options: z.array(z.string()).default([]) }),
);

export type CustomFieldSettings = {
  fields: CustomFieldDefinition[];
  removed: RemovedCustomField[];
  /** updated_at of the stored definitions (null: never saved), sent back with the next save. */
  version: string | null;
};

const STALE = "Someone else changed the custom fields while you were editing. Reload the page to see their changes, then make yours again.";

function readStored(value: unknown): { fields: CustomFieldDefinition[]; removed: RemovedCustomField[] } {
  const v = (value ?? {}) as { fields?: unknown; removed?: unknown };
  const fields = customFieldDefinitionsSchema.safeParse({ fields: v.fields ?? [] });
  const removed = removedSchema.safeParse(v.removed ?? []);
  return { fields: fields.success ? fields.data.fields : [], removed: removed.success ? removed.data : [] };
}

const versionOf = (row: { updated_at?: unknown } | null | undefined) => (row?.updated_at ? new Date(row.updated_at as Date).toISOString() : null);

/** The tenant's lead custom field definitions, in the order admins arranged them. */
export async function getCustomFieldDefinitions(ctx: TenantContext): Promise<CustomFieldDefinition[]> {
  const row = await scoped(ctx, Setting).findOne(WHERE, { value: 1 }).lean();
  return readStored(row?.value).fields;
}

/** Definitions, removed fields and version, for the admin screen. */
export async function getCustomFieldSettings(ctx: TenantContext): Promise<CustomFieldSettings> {
  requirePermission(ctx, "settings.manage");
  const row = await scoped(ctx, Setting).findOne(WHERE, { value: 1, updated_at: 1 }).lean();
  return { ...readStored(row?.value), version: versionOf(row) };
}

/** Whether any lead of the tenant stores a value under this key (a scan on FerretDB: only asked when a type changes). */
async function leadsUseKey(ctx: TenantContext, key: string): Promise<boolean> {
  if (!CUSTOM_FIELD_KEY_PATTERN.test(key)) return false;
  return (await scoped(ctx, Lead).exists({ [`custom_fields.${key}`]: { $exists: true } })) !== null;
}

/**
 * Replaces the definitions (admins), in the order given. Values already stored on leads stay:
 * a removed field is only hidden, and adding a field with its key and type shows its values
 * again. A key whose values leads already hold cannot change type (they would no longer fit).
 * With `version`, a save based on an older list is refused instead of overwriting someone else's.
 */
export async function saveCustomFieldDefinitions(ctx: TenantContext, input: unknown): Promise<CustomFieldSettings> {
  requirePermission(ctx, "settings.manage");
  const parsed = saveCustomFieldsSchema.parse(input);
  const fields = parsed.fields.map((f) => ({ ...f, options: f.type === "select" ? f.options : [] }));
  const settings = scoped(ctx, Setting);
  const existing = await settings.findOne(WHERE, { value: 1, updated_at: 1 }).lean();
  if (parsed.version !== undefined && parsed.version !== versionOf(existing)) throw new AppError("conflict", STALE);
  const current = readStored(existing?.value);

  const before = new Map<string, { type: string; label: string }>([...current.removed.map((r) => [r.key, r] as const), ...current.fields.map((f) => [f.key, f] as const)]);
  const errors: Record<string, string[]> = {};
  for (const [i, f] of fields.entries()) {
    const old = before.get(f.key);
    if (old && old.type !== f.type && (await leadsUseKey(ctx, f.key))) {
      errors[`fields.${i}.type`] = [`Leads already have values for “${old.label}” as ${old.type}, so its type cannot change. Add a new field instead.`];
    }
  }
  if (Object.keys(errors).length) throw new AppError("bad_request", "Please correct the highlighted fields.", errors);

  const keys = new Set(fields.map((f) => f.key));
  const removedNow: RemovedCustomField[] = current.fields.filter((f) => !keys.has(f.key)).map(({ key, label, type, options }) => ({ key, label, type, options }));
  const removed = [...removedNow, ...current.removed.filter((r) => !keys.has(r.key) && !removedNow.some((n) => n.key === r.key))].slice(0, MAX_REMOVED);
  const value = { fields, removed };

  if (existing) {
    // Guarded by updated_at: of two saves from the same version, the second matches nothing.
    const guard = existing.updated_at ? { updated_at: existing.updated_at } : { updated_at: { $exists: false } };
    const res = await settings.updateOne({ _id: existing._id, ...guard }, { $set: { value } });
    if (res.matchedCount === 0) throw new AppError("conflict", STALE);
  } else {
    await settings.create({ ...WHERE, value, description: "Custom fields shown on every lead" }).catch((err: { code?: number }) => {
      throw err.code === 11000 ? new AppError("conflict", STALE) : err;
    });
  }

  const added = fields.filter((f) => !current.fields.some((c) => c.key === f.key)).map((f) => f.key);
  await recordActivity(ctx, {
    type: "custom_fields_updated",
    entityType: "setting",
    description: `Lead custom fields: ${fields.map((f) => f.label).join(", ") || "none"}`,
    metadata: { fields, added, removed: removedNow.map((r) => r.key) },
  });
  const saved = await settings.findOne(WHERE, { updated_at: 1 }).lean();
  return { fields, removed, version: versionOf(saved) };
}
