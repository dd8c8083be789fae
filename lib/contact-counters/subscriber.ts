import { Types } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { subscribe } from "@/lib/core/events/subscribers";
import { Communication } from "@/models/communication";
import { statusChangesOf } from "@/lib/communications/status-change";
import { addNewCommunications, applyStatusChanges, refreshContactCounters, type ContactType } from "./refresh-contact-counters";

// A lead's or buyer's communication_count and last_contacted follow its communications, whoever
// writes them (a text sent, a webhook's status, an inbound call, a merge moving a conversation):
// each new message is added to its contact's counts, each other communication change recounts the
// contacts it touched, before and after. Inline, so the lead page shows the count right after the
// message is logged; idempotent (a ledger of the messages counted, or a recount).
subscribe({
  name: "contact-counters",
  resources: ["communication"],
  inline: true,
  async handle(event) {
    const contacts = new Map<string, { type: ContactType; id: Types.ObjectId; messages: Set<string> }>();
    const add = (doc: Record<string, unknown> | null | undefined, message: unknown) => {
      const type = doc?.recipient_type;
      const id = doc?.recipient_id;
      if ((type !== "lead" && type !== "buyer") || !id) return;
      const key = `${type}:${String(id)}`;
      if (!contacts.has(key)) contacts.set(key, { type, id: new Types.ObjectId(String(id)), messages: new Set() });
      contacts.get(key)!.messages.add(String(message));
    };
    for (const s of event.states ?? []) {
      add(s.before, s.id);
      add(s.after, s.id);
    }
    // Documents the event kept no values for (inserts, big writes, the sweep's events): as they are now.
    const known = new Set((event.states ?? []).filter((s) => s.before || s.after).map((s) => String(s.id)));
    const unknown = event.ids.filter((id) => !known.has(String(id)));
    if (unknown.length && event.kind !== "deleted") {
      // Each by its id: FerretDB answers `_id: { $in }` by reading every message of the company.
      const docs = await findByIds<Record<string, unknown>>({ tenantId: String(event.tenant_id) }, Communication, unknown, { recipient_type: 1, recipient_id: 1 });
      for (const d of docs) add(d, d._id);
    }
    const ctx = { tenantId: String(event.tenant_id), actor: { kind: "system" as const, source: "job" as const, label: "Contact counters" } };
    const statuses = statusChangesOf(event);
    for (const { type, id, messages } of contacts.values()) {
      // New messages are added to the counts and status changes folded into last_contacted (the
      // cost does not grow with the contact's history), exactly once each; any other change
      // recounts from every message.
      if (event.kind === "created") await addNewCommunications(ctx, id, type, event.rev, [...messages]);
      else if (statuses) await applyStatusChanges(ctx, id, type, statuses.filter((c) => messages.has(c.id)));
      else await refreshContactCounters(ctx, id, type);
    }
  },
});
