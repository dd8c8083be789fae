import "server-only";
import { Types } from "mongoose";
import { can, requirePermission } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { applyCustomFieldValues, validateCustomFieldValues } from "@/lib/custom-fields/validate-values";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { resolveTagNames } from "@/lib/tags/resolve-tag-names";
import type { LeadInput } from "@/lib/zod/schemas/lead";
import { Lead } from "@/models/lead";
import { assertLeadCapacity } from "../capacity";
import { withPrimaryEmail, withPrimaryPhone } from "../contacts/sync-contacts";
import { findDuplicateLeads, type DuplicateMatch } from "../duplicates/find-duplicates";
import { assertAssignee } from "./lead-changes";

export type CreateLeadResult = { created: true; id: string } | { created: false; duplicates: DuplicateMatch[] };

/**
 * Creates a lead from parsed input. When it matches existing leads (phone, e-mail, address) and
 * the person has not said "create anyway", nothing is saved and the matches come back so the
 * form can offer to open or merge them.
 */
export async function createLead(ctx: TenantContext, input: LeadInput, { allowDuplicate = false }: { allowDuplicate?: boolean } = {}): Promise<CreateLeadResult> {
  requirePermission(ctx, "leads.write");

  let assignedTo: Types.ObjectId | undefined;
  if (input.assigned_to && input.assigned_to !== ctx.userId) {
    requirePermission(ctx, "leads.assign");
    assignedTo = await assertAssignee(ctx, input.assigned_to);
  } else if (input.assigned_to || !can(ctx, "leads.read_all")) {
    // A rep who sees only assigned leads would lose sight of an unassigned lead they created.
    if (ctx.userId && Types.ObjectId.isValid(ctx.userId)) assignedTo = new Types.ObjectId(ctx.userId);
  }

  const defs = await getCustomFieldDefinitions(ctx);
  const custom = validateCustomFieldValues(defs, input.custom_fields);
  if (Object.keys(custom.errors).length) throw new AppError("bad_request", "Please correct the highlighted fields.", custom.errors);

  if (!allowDuplicate) {
    const duplicates = await findDuplicateLeads(ctx, input);
    if (duplicates.length) return { created: false, duplicates };
  }
  await assertLeadCapacity(ctx, 1);

  const tags = await resolveTagNames(ctx, input.tags ?? []);
  const lead = await scoped(ctx, Lead).create({
    name: input.name,
    phone: input.phone,
    email: input.email,
    // `phone` and `email` are the primary entries of the lists (docs/data-model.md).
    ...(input.phones?.length ? { phones: withPrimaryPhone(input.phone, input.phones) } : {}),
    ...(input.emails?.length ? { emails: withPrimaryEmail(input.email, input.emails) } : {}),
    mailing_address: input.mailing_address && Object.values(input.mailing_address).some(Boolean) ? input.mailing_address : undefined,
    address: input.address ?? {},
    property_details: input.property_details ?? {},
    estimated_value: input.estimated_value,
    asking_price: input.asking_price,
    source: input.source,
    status: input.status,
    priority: input.priority,
    assigned_to: assignedTo,
    tags,
    notes: input.notes,
    next_follow_up: input.next_follow_up,
    custom_fields: applyCustomFieldValues({}, custom.values),
  });
  return { created: true, id: String(lead._id) };
}
