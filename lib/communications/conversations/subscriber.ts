import "server-only";
import { Types } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { subscribe, type DomainEventRecord } from "@/lib/core/events/subscribers";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { statusChangesOf } from "../status-change";
import { applyNewMessages, applyStatusChanges, refreshConversation, type ContactKey } from "./refresh-conversation";

// The inbox follows the communications (a message in or out, a status, read, flagged) and the
// contacts' own changes that show in it (name, phone, assignee, the dnc tag). Inline, so the
// person who sent or read sees the inbox change at once; the worker delivers it again if that fails
// (a new message is then counted once: refresh-conversation.ts, applyNewMessages).

const CONTACT_PATHS = ["name", "phone", "assigned_to", "tags"];

/** The contacts an event's messages belong to (before and after), each with the ids of its messages. */
async function contactsOfCommunications(event: DomainEventRecord): Promise<{ key: ContactKey; ids: string[] }[]> {
  const tenantId = String(event.tenant_id);
  const keys = new Map<string, { key: ContactKey; ids: string[] }>();
  const add = (r: Record<string, unknown> | null | undefined, id: unknown) => {
    const type = r?.recipient_type;
    if ((type !== "lead" && type !== "buyer") || !r?.recipient_id) return;
    const key = { tenantId, contactType: type, contactId: String(r.recipient_id) } as ContactKey;
    const k = `${key.contactType}:${key.contactId}`;
    if (!keys.has(k)) keys.set(k, { key, ids: [] });
    if (id !== undefined) keys.get(k)!.ids.push(String(id));
  };
  // The event's states name the contacts (a message moved to another contact names both); only
  // messages it kept nothing for are read, each by its id (`_id: { $in }` reads the whole tenant on FerretDB).
  const known = new Set<string>();
  for (const s of event.states ?? []) {
    if (!s.before && !s.after) continue;
    known.add(String(s.id));
    add(s.before, s.id);
    add(s.after, s.id);
  }
  const unknown = event.ids.filter((id) => !known.has(String(id)));
  if (unknown.length) {
    const rows = await findByIds<Record<string, unknown>>({ tenantId }, Communication, unknown, { recipient_type: 1, recipient_id: 1 });
    for (const r of rows) add(r, r._id);
  }
  return [...keys.values()];
}

async function contactsOfPeople(event: DomainEventRecord, contactType: "lead" | "buyer"): Promise<ContactKey[]> {
  if (event.kind === "updated" && !event.changes.some((c) => CONTACT_PATHS.some((p) => c.path === p || c.path.startsWith(`${p}.`)))) return [];
  // Only contacts that have a conversation: a lead edit elsewhere costs one indexed read.
  const rows = await Conversation.find({ tenant_id: event.tenant_id, contact_type: contactType, contact_id: { $in: event.ids as Types.ObjectId[] } }, { contact_id: 1 }).lean();
  return rows.map((r) => ({ tenantId: String(event.tenant_id), contactType, contactId: String(r.contact_id) }));
}

subscribe({
  name: "inbox-conversations",
  resources: ["communication", "lead", "buyer"],
  inline: true,
  async handle(event) {
    if (event.resource === "communication") {
      // New messages are added to their contact's row and status changes applied to it (a batch
      // or a callback costs the same however long the history); any other change of a message
      // recomputes the row from all of them.
      const statusOnly = statusChangesOf(event) !== null;
      for (const { key, ids } of await contactsOfCommunications(event)) {
        if (event.kind === "created") await applyNewMessages(key, event.rev, [...new Set(ids)]);
        else if (statusOnly) await applyStatusChanges(key, [...new Set(ids)]);
        else await refreshConversation(key);
      }
      return;
    }
    for (const key of await contactsOfPeople(event, event.resource === "buyer" ? "buyer" : "lead")) await refreshConversation(key);
  },
});
