import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createLead } from "@/lib/leads/write/create-lead";
import type { LeadInput } from "@/lib/zod/schemas/lead";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";

export type Party = { kind: "lead" | "buyer"; id: Types.ObjectId; created: boolean };

/**
 * Who texted or called the company, by E.164: a lead with that number (primary or any of its
 * phones; the most recently updated when several), else a buyer, else a new lead with source
 * `inbound_sms` / `inbound_call` so no conversation is lost.
 */
export async function findOrCreateSender(ctx: TenantContext, number: string, source: "inbound_sms" | "inbound_call"): Promise<Party> {
  const leads = scoped(ctx, Lead);
  const [primary, others] = await Promise.all([
    leads.find({ phone: number }, { _id: 1, updated_at: 1 }).lean(),
    leads.find({ "phones.number": number } as Record<string, unknown>, { _id: 1, updated_at: 1 }).lean(),
  ]);
  const candidates = [...primary, ...others] as { _id: Types.ObjectId; updated_at?: Date }[];
  if (candidates.length) {
    candidates.sort((a, b) => (b.updated_at?.getTime() ?? 0) - (a.updated_at?.getTime() ?? 0));
    return { kind: "lead", id: candidates[0]._id, created: false };
  }
  const buyer = await scoped(ctx, Buyer).findOne({ phone: number }, { _id: 1 }).lean();
  if (buyer) return { kind: "buyer", id: buyer._id as Types.ObjectId, created: false };
  const input = { name: `New contact ${number}`, phone: number, source, status: "new" } as unknown as LeadInput;
  const created = await createLead(ctx, input, { allowDuplicate: true });
  if (!created.created) throw new Error("a lead for an inbound contact was not created");
  return { kind: "lead", id: new Types.ObjectId(created.id), created: true };
}
