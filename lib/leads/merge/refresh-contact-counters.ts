import "server-only";
import type { Types } from "mongoose";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";

/**
 * Derives communication_count and last_contacted from the lead's communications (never $inc:
 * concurrent increments can lose updates on FerretDB). last_contacted is the latest outbound
 * message or call, or the latest answered inbound one.
 */
export async function refreshContactCounters(ctx: TenantContext, leadId: Types.ObjectId): Promise<{ communication_count: number; last_contacted: Date | null }> {
  const comms = scoped(ctx, Communication);
  const where = { recipient_type: "lead", recipient_id: leadId };
  const contacted = { ...where, status: { $nin: ["scheduled", "failed"] } };
  const [count, bySent, byCreated] = await Promise.all([
    comms.countDocuments(where),
    comms.find({ ...contacted, sent_at: { $exists: true } }, { sent_at: 1 }).sort({ sent_at: -1 }).limit(1).lean(),
    comms.find(contacted, { created_at: 1, sent_at: 1 }).sort({ created_at: -1 }).limit(1).lean(),
  ]);
  const times = [...bySent, ...byCreated].map((c) => new Date((c.sent_at as Date | undefined) ?? (c.created_at as unknown as Date)).getTime());
  const last = times.length ? new Date(Math.max(...times)) : null;
  await scoped(ctx, Lead).updateOne({ _id: leadId }, last ? { $set: { communication_count: count, last_contacted: last } } : { $set: { communication_count: count }, $unset: { last_contacted: 1 } });
  return { communication_count: count, last_contacted: last };
}
