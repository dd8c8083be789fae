// The messages that contacted a buyer lately, as a read model (lib/core/read-models) beside the
// deal rows: the disposition dashboard counts the buyers contacted this week from them instead of
// asking FerretDB, which reads and decodes the company's messages in its own process.
import "server-only";
import { defineReadModel } from "@/lib/core/read-models/read-model";
import { Communication } from "@/models/communication";

/** Messages that never went out do not count as contact. */
export const NOT_CONTACT = ["scheduled", "canceled", "failed", "undelivered"];
/** The messages that count as contacting a buyer, as a filter (with a created_at range added). */
export const CONTACT_FILTER = { recipient_type: "buyer", direction: "outbound", status: { $nin: NOT_CONTACT } };

/** A build reads the messages of the last 10 days: it covers the start of this week in every time zone. */
const HORIZON_MS = 10 * 86_400_000;

type Id = { toString(): string };
export type MessageSourceDoc = { _id: Id; recipient_type?: string; recipient_id?: Id; direction?: string; status?: string | null; created_at?: Date | null };

/** One message that contacted a buyer: the buyer and when (epoch ms). */
export type ContactRow = { _id: string; buyer: string; at: number; rev: number };

/** The message as a contact, or null when it does not count (CONTACT_FILTER in TypeScript). */
export function toContactRow(m: MessageSourceDoc, rev: number): ContactRow | null {
  if (m.recipient_type !== "buyer" || m.direction !== "outbound" || !m.recipient_id || !m.created_at) return null;
  if (m.status && NOT_CONTACT.includes(m.status)) return null;
  return { _id: String(m._id), buyer: String(m.recipient_id), at: new Date(m.created_at).getTime(), rev };
}

/**
 * Contacts of buyers, fed by communication events (subscriber.ts): a message that stops counting
 * (failed, canceled, deleted) loses its row. Rows older than the horizon leave at the next build
 * (every 30 minutes); the dashboard reads only this week's.
 */
export const buyerContactReadModel = defineReadModel<ContactRow, MessageSourceDoc>({
  name: "deal-buyer-contact",
  version: 1,
  model: Communication,
  projection: { recipient_type: 1, recipient_id: 1, direction: 1, status: 1, created_at: 1 },
  scope: () => ({ ...CONTACT_FILTER, created_at: { $gte: new Date(Date.now() - HORIZON_MS) } }),
  toRow: toContactRow,
  shapeRow: (r) => ({ _id: r._id, buyer: r.buyer, at: r.at, rev: r.rev }),
  // Estimated: four short fields.
  rowBytes: 200,
});
