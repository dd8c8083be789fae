import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { LeadDetailsInput } from "@/lib/zod/schemas/lead";
import { findDuplicateLeads, type DuplicateMatch } from "../duplicates/find-duplicates";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges, type LeadChanges } from "./lead-changes";

/**
 * Saves the lead's own details as edited together on the lead page: a field left empty is
 * cleared. Returns what changed and, when phone, e-mail or address changed, the other leads they
 * now match, so the page can offer to open or merge them.
 */
export async function updateLeadDetails(ctx: TenantContext, leadId: string, input: LeadDetailsInput): Promise<{ changes: LeadChanges; duplicates: DuplicateMatch[] }> {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  const changes = await saveLeadChanges(ctx, doc, (d) => {
    d.set({
      name: input.name,
      phone: input.phone,
      email: input.email ?? undefined,
      // Given, the lists decide the primary (phones[0], emails[0]); left out, `phone` and `email`
      // replace the primary entries and the others stay.
      ...(input.phones ? { phones: input.phones } : {}),
      ...(input.emails ? { emails: input.emails } : {}),
      mailing_address: input.mailing_address && Object.values(input.mailing_address).some(Boolean) ? { ...input.mailing_address } : undefined,
      address: { ...(input.address ?? {}) },
      property_details: { ...(input.property_details ?? {}) },
      estimated_value: input.estimated_value ?? undefined,
      asking_price: input.asking_price ?? undefined,
      source: input.source ?? undefined,
      notes: input.notes ?? undefined,
    });
  });
  const keysChanged = Object.keys(changes).some((k) => k === "phone" || k === "email" || k === "phones" || k === "emails" || k === "address.street" || k === "address.zip_code");
  const duplicates = keysChanged ? await findDuplicateLeads(ctx, doc.toObject(), { excludeId: leadId }) : [];
  return { changes, duplicates };
}
