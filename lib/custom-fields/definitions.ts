import "server-only";
import { requirePermission } from "@/lib/auth/permissions";
import { recordActivity } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { customFieldDefinitionsSchema, type CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { Setting } from "@/models/setting";

// Definitions live in the tenant's settings: one document, { category: "custom_fields", key: "leads" }.
const WHERE = { category: "custom_fields", key: "leads" } as const;

/** The tenant's lead custom field definitions, in the order admins arranged them. */
export async function getCustomFieldDefinitions(ctx: TenantContext): Promise<CustomFieldDefinition[]> {
  const row = await scoped(ctx, Setting).findOne(WHERE).lean();
  const parsed = customFieldDefinitionsSchema.safeParse(row?.value ?? { fields: [] });
  return parsed.success ? parsed.data.fields : [];
}

/** Replaces the definitions (admins). Values already stored on leads stay; removed fields are just no longer shown. */
export async function saveCustomFieldDefinitions(ctx: TenantContext, input: unknown): Promise<CustomFieldDefinition[]> {
  requirePermission(ctx, "settings.manage");
  const { fields } = customFieldDefinitionsSchema.parse(input);
  const settings = scoped(ctx, Setting);
  const value = { fields };
  const existing = await settings.findOne(WHERE, { _id: 1 }).lean();
  if (existing) await settings.updateOne({ _id: existing._id }, { $set: { value } });
  else {
    await settings.create({ ...WHERE, value, description: "Custom fields shown on every lead" }).catch(async (err: { code?: number }) => {
      if (err.code !== 11000) throw err;
      await settings.updateOne(WHERE, { $set: { value } });
    });
  }
  await recordActivity(ctx, { type: "custom_fields_updated", entityType: "setting", description: `Lead custom fields: ${fields.map((f) => f.label).join(", ") || "none"}`, metadata: { fields } });
  return fields;
}
