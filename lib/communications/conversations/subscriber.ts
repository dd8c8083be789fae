import "server-only";
import { Types } from "mongoose";
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
  const rows = await Communication.find({ _id: { $in: event.ids }, tenant_id: event.tenant_id }, { recipient_type: 1, recipient_id: 1 }).lean();
  const keys = new Map<string, ContactKey>();
  for (const r of rows) {
    if (!r.recipient_id) continue;
    const key = { tenantId, contactType: r.recipient_type as "lead" | "buyer", contactId: String(r.recipient_id) };
    keys.set(`${key.contactType}:${key.contactId}`, key);
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
