// The demo inbox: one conversation row per contact the seed wrote messages or calls for, derived
// as the app derives them (lib/communications/conversations/conversation-fields.ts). The seed
// writes with the driver and announces nothing, so without this the inbox would start empty.
import type { Types } from "mongoose";
import { conversationFields, isUnread, needsReview, taggedDoNotContact, type ContactFacts, type MessageFacts } from "@/lib/communications/conversations/conversation-fields";
import type { Doc } from "../context";
import type { IdFactory } from "../ids";

type Message = MessageFacts & Parameters<typeof isUnread>[0] & Parameters<typeof needsReview>[0];
type Tally = { type: "lead" | "buyer"; id: Types.ObjectId; contact: ContactFacts; last?: Message; messages: number; unread: number; review: boolean };

export class ConversationTally {
  private byContact = new Map<string, Tally>();

  /** Counts the messages of one contact (all of them must be to or from `contact`). */
  add(comms: Doc[], contact: ContactFacts): void {
    for (const doc of comms) {
      const m = doc as Doc & Message;
      const type = m.recipient_type as "lead" | "buyer";
      const id = m.recipient_id as Types.ObjectId;
      const key = `${type}:${id}`;
      let t = this.byContact.get(key);
      if (!t) this.byContact.set(key, (t = { type, id, contact, messages: 0, unread: 0, review: false }));
      t.messages += 1;
      if (isUnread(m)) t.unread += 1;
      if (needsReview(m)) t.review = true;
      if (m.status !== "scheduled" && (!t.last || m.created_at! > t.last.created_at!)) t.last = m;
    }
  }

  docs(tenantId: Types.ObjectId, id: IdFactory): Doc[] {
    const out: Doc[] = [];
    for (const t of this.byContact.values()) {
      if (!t.last) continue;
      const fields = conversationFields(t.last, { messages: t.messages, unread: t.unread, needsReview: t.review }, t.contact, taggedDoNotContact(t.contact));
      out.push({ _id: id(fields.last_at), tenant_id: tenantId, contact_type: t.type, contact_id: t.id, ...fields, created_at: fields.last_at, updated_at: fields.last_at });
    }
    return out;
  }
}
