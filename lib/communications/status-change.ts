import type { DomainEventRecord } from "@/lib/core/events/subscribers";

// Which communication events only moved messages' statuses (a Twilio callback, a send's result,
// a call's progress): the inbox row and the contact counters apply those without reading the
// contact's history (refresh-conversation.ts applyStatusChanges, refresh-contact-counters.ts
// applyStatusChanges); any other change recomputes.

/** What a status report writes (provider-records.ts applyProviderStatus; an e-mail's "sent"). */
const STATUS_PATHS = new Set(["status", "twilio_status", "status_rank", "sent_at", "delivered_at", "error_code", "error_message", "duration", "metadata.cost", "price_unit", "twilio_sid"]);

export type StatusChange = { id: string; before: Record<string, unknown>; after: Record<string, unknown> };

/**
 * The messages an event changed only the status of, each with its values before and after; null
 * when it changed anything else, kept no values, moved a message to another contact, or a
 * message left or joined "scheduled" (a scheduled message is no conversation's last: the row's
 * last message may change, so that is recomputed).
 */
export function statusChangesOf(event: DomainEventRecord): StatusChange[] | null {
  if (event.resource !== "communication" || event.kind !== "updated") return null;
  if (!event.changes.length || event.changes.some((c) => !STATUS_PATHS.has(c.path))) return null;
  const states = new Map((event.states ?? []).map((s) => [String(s.id), s]));
  const out: StatusChange[] = [];
  for (const id of event.ids) {
    const s = states.get(String(id));
    if (!s?.before || !s.after) return null;
    if (s.before.recipient_type !== s.after.recipient_type || String(s.before.recipient_id) !== String(s.after.recipient_id)) return null;
    if (s.before.status === "scheduled" || s.after.status === "scheduled") return null;
    out.push({ id: String(id), before: s.before, after: s.after });
  }
  return out;
}
