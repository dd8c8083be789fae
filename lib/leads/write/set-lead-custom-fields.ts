import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { applyCustomFieldValues, validateCustomFieldValues } from "@/lib/custom-fields/validate-values";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges } from "./lead-changes";

/** Sets custom field values (typed per the tenant's definitions); an empty value clears the field. */
export async function setLeadCustomFields(ctx: TenantContext, leadId: string, raw: Record<string, unknown>) {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  const { values, errors } = validateCustomFieldValues(await getCustomFieldDefinitions(ctx), raw);
  if (Object.keys(errors).length) throw new AppError("bad_request", "Please correct the highlighted fields.", errors);
  return saveLeadChanges(ctx, doc, (d) => {
    d.set("custom_fields", applyCustomFieldValues(d.get("custom_fields") as Record<string, unknown>, values));
    d.markModified("custom_fields");
  });
}
