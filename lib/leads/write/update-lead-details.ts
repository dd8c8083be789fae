import "server-only";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import type { LeadDetailsInput } from "@/lib/zod/schemas/lead";
import { LEAD_INPUT_KEYS } from "@/lib/zod/schemas/lead-fields";
import { Lead } from "@/models/lead";
import { fieldsWith, topLevel } from "../fields";
import { findDuplicateLeads, type DuplicateMatch } from "../duplicates/find-duplicates";
import { getLeadDocumentOrThrow } from "../get-lead";
import { saveLeadChanges, type LeadChanges } from "./lead-changes";

const GROUPS = new Set(fieldsWith("input").filter((f) => f.path.includes(".")).map((f) => topLevel(f.path)));
const isGroup = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !(v instanceof Date);
const keepsEmpty = (key: string) => GROUPS.has(key) && (Lead.schema.path(key) as unknown as { defaultValue?: unknown } | undefined)?.defaultValue !== undefined;

/**
 * Saves the lead's own details as edited together on the lead page: a field left empty is
 * cleared. Returns what changed and, when phone, e-mail or address changed, the other leads they
 * now match, so the page can offer to open or merge them.
 */
export async function updateLeadDetails(ctx: TenantContext, leadId: string, input: LeadDetailsInput): Promise<{ changes: LeadChanges; duplicates: DuplicateMatch[] }> {
  requirePermission(ctx, "leads.write");
  const doc = await getLeadDocumentOrThrow(ctx, leadId);
  const changes = await saveLeadChanges(ctx, doc, (d) => {
    const typed: Record<string, unknown> = {};
    for (const key of LEAD_INPUT_KEYS) {
      const v = (input as Record<string, unknown>)[key];
      if (!isGroup(v)) typed[key] = v ?? undefined;
      // An emptied group (the mailing address) is removed unless the model keeps an empty one (the address, the property).
      else typed[key] = Object.values(v).some(Boolean) || keepsEmpty(key) ? { ...v } : undefined;
    }
    d.set({
      ...typed,
      phone: input.phone,
      email: input.email ?? undefined,
      // Given, the lists decide the primary (phones[0], emails[0]); left out, `phone` and `email`
      // replace the primary entries and the others stay.
      ...(input.phones ? { phones: input.phones } : {}),
      ...(input.emails ? { emails: input.emails } : {}),
    });
  });
  const keysChanged = Object.keys(changes).some((k) => k === "phone" || k === "email" || k === "phones" || k === "emails" || k === "address.street" || k === "address.zip_code");
  const duplicates = keysChanged ? await findDuplicateLeads(ctx, doc.toObject(), { excludeId: leadId }) : [];
  return { changes, duplicates };
}
