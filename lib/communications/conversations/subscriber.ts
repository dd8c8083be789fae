import "server-only";
import { Types } from "mongoose";
import { findByIds } from "@/lib/core/db/find-by-ids";
import { subscribe, type DomainEventRecord } from "@/lib/core/events/subscribers";
import { Communication } from "@/models/communication";
import { Conversation } from "@/models/conversation";
import { refreshConversation, type ContactKey } from "./refresh-conversation";

// The inbox follows the communications (a message in or out, a status, read, flagged) and the
// contacts' own changes that show in it (name, phone, assignee, the dnc tag). Inline, so the
// person who sent or read sees the inbox change at once; the worker delivers it again if that fails.

const CONTACT_PATHS = ["name", "phone", "assigned_to", "tags"];

async function contactsOfCommunications(event: DomainEventRecord): Promise<ContactKey[]> {
  const tenantId = String(event.tenant_id);
  const keys = new Map<string, ContactKey>();
  const add = (r: Record<string, unknown> | null | undefined) => {
    const type = r?.recipient_type;
    if ((type !== "lead" && type !== "buyer") || !r?.recipient_id) return;
    const key = { tenantId, contactType: type, contactId: String(r.recipient_id) } as ContactKey;
    keys.set(`${key.contactType}:${key.contactId}`, key);
  };
  // The event's states name the contacts (a message moved to another contact names both); only
  // messages it kept nothing for are read, each by its id (`_id: { $in }` reads the whole tenant on FerretDB).
  const known = new Set<string>();
  for (const s of event.states ?? []) {
    if (!s.before && !s.after) continue;
    known.add(String(s.id));
    add(s.before);
    add(s.after);
  }
  const unknown = event.ids.filter((id) => !known.has(String(id)));
  if (unknown.length) {
    const rows = await findByIds<Record<string, unknown>>({ tenantId }, Communication, unknown, { recipient_type: 1, recipient_id: 1 });
    rows.forEach(add);
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
    const keys =
      event.resource === "communication" ? await contactsOfCommunications(event) : await contactsOfPeople(event, event.resource === "buyer" ? "buyer" : "lead");
    for (const key of keys) await refreshConversation(key);
  },
});
