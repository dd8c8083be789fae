import { Types } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { subscribe } from "@/lib/core/events/subscribers";
import { Communication } from "@/models/communication";
import { refreshContactCounters, type ContactType } from "./refresh-contact-counters";

// A lead's or buyer's communication_count and last_contacted follow its communications, whoever
// writes them (a text sent, a webhook's status, an inbound call, a merge moving a conversation):
// each communication change recounts the contacts it touched, before and after. Inline, so the
// lead page shows the count right after the message is logged; idempotent (a recount).
subscribe({
  name: "contact-counters",
  resources: ["communication"],
  inline: true,
  async handle(event) {
    const contacts = new Map<string, { type: ContactType; id: Types.ObjectId }>();
    const add = (doc: Record<string, unknown> | null | undefined) => {
      const type = doc?.recipient_type;
      const id = doc?.recipient_id;
      if ((type === "lead" || type === "buyer") && id) contacts.set(`${type}:${String(id)}`, { type, id: new Types.ObjectId(String(id)) });
    };
    for (const s of event.states ?? []) {
      add(s.before);
      add(s.after);
    }
    // Documents the event kept no values for (inserts, big writes, the sweep's events): as they are now.
    const known = new Set((event.states ?? []).filter((s) => s.before || s.after).map((s) => String(s.id)));
    const unknown = event.ids.filter((id) => !known.has(String(id)));
    if (unknown.length && event.kind !== "deleted") {
      // Each by its id: FerretDB answers `_id: { $in }` by reading every message of the company.
      const docs = await findByIds<Record<string, unknown>>({ tenantId: String(event.tenant_id) }, Communication, unknown, { recipient_type: 1, recipient_id: 1 });
      docs.forEach(add);
    }
    const ctx = { tenantId: String(event.tenant_id), actor: { kind: "system" as const, source: "job" as const, label: "Contact counters" } };
    for (const { type, id } of contacts.values()) await refreshContactCounters(ctx, id, type);
  },
});
