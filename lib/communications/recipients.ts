import "server-only";
import { Types } from "mongoose";
import { can } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { isLeadVisible } from "@/lib/leads/get-lead";
import { normalizePhone } from "@/lib/validation/phone";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";

export type RecipientKind = "lead" | "buyer";
export const PHONE_TYPES = ["mobile", "landline", "voip", "unknown"] as const;
export const PHONE_STATUSES = ["active", "wrong_number", "disconnected", "do_not_call"] as const;
export type PhoneStatus = (typeof PHONE_STATUSES)[number];
export type RecipientPhone = { number: string; type: string; status: PhoneStatus; primary: boolean };
type Address = { state?: string | null; zip_code?: string | null };

/** A lead or buyer as outreach needs them: their phones (each with its status), tags and where they are. */
export type Recipient = {
  kind: RecipientKind;
  id: string;
  name: string;
  assignedTo: string | null;
  tags: string[];
  phones: RecipientPhone[];
  email: string | null;
  property: Address | null;
  mailing: Address | null;
};

/**
 * Every phone of a lead or buyer: `phones` ({ number, type, status }) when the record has them,
 * with `phone` as the primary either way. Read defensively: older records carry `phone` only.
 */
export function phonesOf(doc: { phone?: unknown; phones?: unknown }): RecipientPhone[] {
  const out: RecipientPhone[] = [];
  const primary = typeof doc.phone === "string" ? normalizePhone(doc.phone) : null;
  const list = Array.isArray(doc.phones) ? (doc.phones as Record<string, unknown>[]) : [];
  for (const p of list) {
    const number = typeof p?.number === "string" ? normalizePhone(p.number) : null;
    if (!number || out.some((o) => o.number === number)) continue;
    const status = (PHONE_STATUSES as readonly string[]).includes(String(p.status)) ? (p.status as PhoneStatus) : "active";
    out.push({ number, type: typeof p.type === "string" ? p.type : "unknown", status, primary: number === primary });
  }
  if (primary && !out.some((o) => o.number === primary)) out.unshift({ number: primary, type: "unknown", status: "active", primary: true });
  return out.sort((a, b) => Number(b.primary) - Number(a.primary));
}

/** A lead (one this person may see) or buyer of the company, or null: foreign and missing ids alike. */
export async function loadRecipient(ctx: TenantContext, kind: RecipientKind, id: string): Promise<Recipient | null> {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) return null;
  if (kind === "lead") {
    if (!can(ctx, "leads.read")) return null;
    const lead = await scoped(ctx, Lead).findById(id).lean<Record<string, any>>();
    if (!lead || !isLeadVisible(ctx, lead)) return null;
    return {
      kind,
      id,
      name: lead.name,
      assignedTo: lead.assigned_to ? String(lead.assigned_to) : null,
      tags: lead.tags ?? [],
      phones: phonesOf(lead),
      email: lead.email ?? null,
      property: lead.address ?? null,
      mailing: lead.mailing_address ?? null,
    };
  }
  if (!can(ctx, "buyers.read")) return null;
  const buyer = await scoped(ctx, Buyer).findById(id).lean<Record<string, any>>();
  if (!buyer) return null;
  return {
    kind,
    id,
    name: buyer.name,
    assignedTo: buyer.assigned_to ? String(buyer.assigned_to) : null,
    tags: buyer.tags ?? [],
    phones: phonesOf(buyer),
    email: buyer.email ?? null,
    property: null,
    mailing: buyer.address ?? null,
  };
}
