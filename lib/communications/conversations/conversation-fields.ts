// What one inbox row says about a contact, derived from the contact and its messages. One
// derivation for the live refresh (refresh-conversation.ts) and the demo seed (lib/seed), so a
// seeded inbox reads exactly as one the app built.

const PREVIEW = 140;

export type MessageFacts = {
  type?: string;
  direction?: string;
  status?: string;
  content?: string | null;
  duration?: number | null;
  media_urls?: unknown;
  created_at?: Date;
};

export type ContactFacts = { name?: string | null; phone?: string | null; assigned_to?: unknown; tags?: unknown };

/** The line the inbox shows under the contact's name for its latest message or call. */
export function previewOf(row: MessageFacts): string {
  if (row.type === "call") {
    const mins = row.duration ? ` · ${Math.max(1, Math.round(row.duration / 60))} min` : "";
    return `${row.direction === "inbound" ? "Incoming" : "Outgoing"} call${row.status === "missed" ? " (missed)" : ""}${mins}`;
  }
  const text = String(row.content ?? "").replace(/\s+/g, " ").trim();
  const photos = Array.isArray(row.media_urls) && row.media_urls.length ? `📷 ${row.media_urls.length} photo${row.media_urls.length > 1 ? "s" : ""} ` : "";
  const body = `${row.type === "email" ? "E-mail: " : ""}${photos}${text}`;
  return body.length > PREVIEW ? `${body.slice(0, PREVIEW - 1)}…` : body;
}

/** Whether the contact carries the `dnc` tag (the number's own opt-out is checked by the caller). */
export function taggedDoNotContact(contact: ContactFacts): boolean {
  return Array.isArray(contact.tags) && contact.tags.includes("dnc");
}

/** A message counts as unread while it is inbound and nobody has opened its thread. */
export function isUnread(m: { direction?: string; read_at?: Date | null }): boolean {
  return m.direction === "inbound" && !m.read_at;
}

/** A reply flagged for review (it may mean stop) that nobody has resolved yet. */
export function needsReview(m: { review?: { flagged_at?: Date | null; resolved_at?: Date | null } | null }): boolean {
  return Boolean(m.review?.flagged_at) && !m.review?.resolved_at;
}

/** The stored row's fields (all but tenant and contact keys). */
export function conversationFields(
  last: MessageFacts,
  counts: { messages: number; unread: number; needsReview: boolean },
  contact: ContactFacts,
  optedOut: boolean,
) {
  return {
    contact_name: contact.name ?? "",
    contact_phone: contact.phone ?? "",
    assigned_to: contact.assigned_to ?? null,
    last_at: last.created_at ?? new Date(),
    last_preview: previewOf(last),
    last_type: last.type,
    last_direction: last.direction,
    last_status: last.status,
    message_count: counts.messages,
    unread: counts.unread,
    needs_review: counts.needsReview,
    opted_out: optedOut,
  };
}
