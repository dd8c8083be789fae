import "server-only";
import type { Model, Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";

export type ContactType = "lead" | "buyer";
export type ContactCounters = { communication_count: number; last_contacted: Date | null };

const CONTACTS: Record<ContactType, Model<any>> = { lead: Lead, buyer: Buyer };

/**
 * Derives a lead's or buyer's communication_count and last_contacted from its communications
 * (never $inc: concurrent increments can lose updates on FerretDB), and writes them only when they
 * differ from what is stored. last_contacted is the latest outbound message or call, or the latest
 * answered inbound one. Run by the contact-counters subscriber on every communication change.
 */
export async function refreshContactCounters(ctx: TenantContext, contactId: Types.ObjectId, type: ContactType = "lead"): Promise<ContactCounters> {
  const contacts = scoped(ctx, CONTACTS[type]);
  // One read of the contact's messages, counted and compared here: FerretDB counts and sorts in its
  // own process after reading every matching message anyway, so three queries read them three times.
  const [messages, stored] = await Promise.all([
    scoped(ctx, Communication).find({ recipient_type: type, recipient_id: contactId }, { status: 1, sent_at: 1, created_at: 1 }).lean<{ status?: string; sent_at?: Date | null; created_at?: Date }[]>(),
    contacts.findById(String(contactId), { communication_count: 1, last_contacted: 1 }).lean<{ communication_count?: number; last_contacted?: Date } | null>(),
  ]);
  const count = messages.length;
  // The latest send among contacted messages, or the latest contacted message's own time when later.
  let lastMs: number | null = null;
  let newest: { created: number; at: number } | null = null;
  for (const m of messages) {
    if (m.status === "scheduled" || m.status === "failed") continue;
    if (m.sent_at) lastMs = Math.max(lastMs ?? -Infinity, new Date(m.sent_at).getTime());
    const created = m.created_at ? new Date(m.created_at).getTime() : -Infinity;
    if (!newest || created > newest.created) newest = { created, at: new Date(m.sent_at ?? m.created_at ?? 0).getTime() };
  }
  if (newest) lastMs = Math.max(lastMs ?? -Infinity, newest.at);
  const last = lastMs === null ? null : new Date(lastMs);
  const counters = { communication_count: count, last_contacted: last };
  // A contact deleted meanwhile has nothing to count; one already right is not written again.
  if (!stored) return counters;
  if ((stored.communication_count ?? 0) === count && (stored.last_contacted ? new Date(stored.last_contacted).getTime() : null) === (last ? last.getTime() : null)) return counters;
  await contacts.updateOne({ _id: contactId }, last ? { $set: { communication_count: count, last_contacted: last } } : { $set: { communication_count: count }, $unset: { last_contacted: 1 } });
  return counters;
}
