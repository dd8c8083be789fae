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
  const comms = scoped(ctx, Communication);
  const where = { recipient_type: type, recipient_id: contactId };
  const contacted = { ...where, status: { $nin: ["scheduled", "failed"] } };
  const contacts = scoped(ctx, CONTACTS[type]);
  const [count, bySent, byCreated, stored] = await Promise.all([
    comms.countDocuments(where),
    comms.find({ ...contacted, sent_at: { $exists: true } }, { sent_at: 1 }).sort({ sent_at: -1 }).limit(1).lean(),
    comms.find(contacted, { created_at: 1, sent_at: 1 }).sort({ created_at: -1 }).limit(1).lean(),
    contacts.findById(String(contactId), { communication_count: 1, last_contacted: 1 }).lean<{ communication_count?: number; last_contacted?: Date } | null>(),
  ]);
  const times = [...bySent, ...byCreated].map((c) => new Date((c.sent_at as Date | undefined) ?? (c.created_at as unknown as Date)).getTime());
  const last = times.length ? new Date(Math.max(...times)) : null;
  const counters = { communication_count: count, last_contacted: last };
  // A contact deleted meanwhile has nothing to count; one already right is not written again.
  if (!stored) return counters;
  if ((stored.communication_count ?? 0) === count && (stored.last_contacted ? new Date(stored.last_contacted).getTime() : null) === (last ? last.getTime() : null)) return counters;
  await contacts.updateOne({ _id: contactId }, last ? { $set: { communication_count: count, last_contacted: last } } : { $set: { communication_count: count }, $unset: { last_contacted: 1 } });
  return counters;
}
