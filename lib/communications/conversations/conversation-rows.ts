// The inbox's questions (who may see which conversation, what each filter keeps, newest first,
// the page after a cursor, the unread badge) asked two ways from one definition: as a database
// filter, and over the rows a web process holds in memory (conversation-read-model.ts). The consistency test
// (conversations-consistency.test.ts) proves both answer the same. Pure: no I/O here.
import { Types } from "mongoose";
import type { ConversationView, InboxFilter } from "./inbox-filters";

/** Who may see which conversations: every lead's, only those of the leads assigned to `userId`, or none; buyers' or not. */
export type Visibility = { leads: "all" | "own" | "none"; buyers: boolean; userId: string | null };

/** A conversation as a web process holds it: what the page shows, plus its order and the revision it was read at. */
export type ConversationRow = ConversationView & { _id: string; rev: number; lastAtMs: number };

/** What the rows need from a stored conversation. */
export const ROW_PROJECTION = {
  contact_type: 1,
  contact_id: 1,
  contact_name: 1,
  contact_phone: 1,
  assigned_to: 1,
  last_at: 1,
  last_preview: 1,
  last_type: 1,
  last_direction: 1,
  last_status: 1,
  message_count: 1,
  unread: 1,
  needs_review: 1,
  opted_out: 1,
} as const;

/** A stored conversation (lean) as the page shows it. */
 
export const toView = (c: Record<string, any>): ConversationView => ({
  id: String(c._id),
  contactType: c.contact_type,
  contactId: String(c.contact_id),
  contactName: c.contact_name ?? "",
  contactPhone: c.contact_phone ?? "",
  assignedTo: c.assigned_to ? String(c.assigned_to) : null,
  lastAt: new Date(c.last_at).toISOString(),
  lastPreview: c.last_preview ?? "",
  lastType: c.last_type ?? "sms",
  lastDirection: c.last_direction ?? "outbound",
  lastStatus: c.last_status ?? "",
  messageCount: c.message_count ?? 0,
  unread: c.unread ?? 0,
  needsReview: c.needs_review === true,
  optedOut: c.opted_out === true,
});

 
export function toConversationRow(doc: Record<string, any>, rev: number): ConversationRow {
  const view = toView(doc);
  return shapeConversationRow({ ...view, _id: view.id, rev, lastAtMs: new Date(view.lastAt).getTime() });
}

/** A row (parsed from JSON too) with its fields in one fixed order, so every row shares one hidden class. */
export function shapeConversationRow(r: ConversationRow): ConversationRow {
  return {
    _id: r._id,
    rev: r.rev,
    lastAtMs: r.lastAtMs,
    id: r.id,
    contactType: r.contactType,
    contactId: r.contactId,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    assignedTo: r.assignedTo,
    lastAt: r.lastAt,
    lastPreview: r.lastPreview,
    lastType: r.lastType,
    lastDirection: r.lastDirection,
    lastStatus: r.lastStatus,
    messageCount: r.messageCount,
    unread: r.unread,
    needsReview: r.needsReview,
    optedOut: r.optedOut,
  };
}

export function viewOfRow(r: ConversationRow): ConversationView {
  const { _id, rev, lastAtMs, ...view } = r;
  void _id;
  void rev;
  void lastAtMs;
  return view;
}

const oid = (id: string) => new Types.ObjectId(id);

/** The visibility as a database filter. */
export function visibilityFilter(v: Visibility): Record<string, unknown> {
  const leads = v.leads === "all" ? { contact_type: "lead" } : v.leads === "own" && v.userId ? { contact_type: "lead", assigned_to: oid(v.userId) } : null;
  const buyers = v.buyers ? { contact_type: "buyer" } : null;
  const parts = [leads, buyers].filter(Boolean) as Record<string, unknown>[];
  if (!parts.length) return { contact_type: "none" };
  return parts.length === 1 ? parts[0] : { $or: parts };
}

export function visibleRow(v: Visibility, r: ConversationRow): boolean {
  if (r.contactType === "buyer") return v.buyers;
  if (r.contactType !== "lead") return false;
  return v.leads === "all" || (v.leads === "own" && v.userId !== null && r.assignedTo === v.userId);
}

/** A filter as a database filter (`userId` is checked by the caller for "mine"). */
export function inboxFilterQuery(filter: InboxFilter, userId: string | null): Record<string, unknown> {
  switch (filter) {
    case "mine":
      return { assigned_to: userId ? oid(userId) : null };
    case "unassigned":
      return { contact_type: "lead", assigned_to: null };
    case "unread":
      return { unread: { $gt: 0 } };
    case "leads":
      return { contact_type: "lead" };
    case "buyers":
      return { contact_type: "buyer" };
    case "opted_out":
      return { opted_out: true };
    case "needs_review":
      return { needs_review: true };
    default:
      return {};
  }
}

export function rowInFilter(filter: InboxFilter, userId: string | null, r: ConversationRow): boolean {
  switch (filter) {
    case "mine":
      return r.assignedTo !== null && r.assignedTo === userId;
    case "unassigned":
      return r.contactType === "lead" && r.assignedTo === null;
    case "unread":
      return r.unread > 0;
    case "leads":
      return r.contactType === "lead";
    case "buyers":
      return r.contactType === "buyer";
    case "opted_out":
      return r.optedOut;
    case "needs_review":
      return r.needsReview;
    default:
      return true;
  }
}

/** Newest first; among equal times the larger id first (the database's `{ last_at: -1, _id: -1 }`). */
export function compareRows(a: ConversationRow, b: ConversationRow): number {
  if (a.lastAtMs !== b.lastAtMs) return b.lastAtMs - a.lastAtMs;
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}

export type Cursor = { at: number; id: string };

/**
 * The newest `limit + 1` visible rows of the filter after the cursor (one more than a page, to
 * tell whether a next page exists), newest first. The rows come in any order: one pass keeping
 * the best `limit + 1` in a small sorted buffer, instead of sorting them all.
 */
export function pageOfRows(rows: readonly ConversationRow[], v: Visibility, filter: InboxFilter, before: Cursor | null, limit: number): ConversationRow[] {
  const k = limit + 1;
  const out: ConversationRow[] = [];
  for (const r of rows) {
    if (out.length === k && compareRows(r, out[k - 1]) >= 0) continue;
    if (before && (r.lastAtMs > before.at || (r.lastAtMs === before.at && r._id >= before.id))) continue;
    if (!visibleRow(v, r) || !rowInFilter(filter, v.userId, r)) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(out[mid], r) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, r);
    if (out.length > k) out.pop();
  }
  return out;
}

/** Unread inbound messages across the visible conversations (the navigation's badge). */
export function unreadOfRows(rows: readonly ConversationRow[], v: Visibility): number {
  let n = 0;
  for (const r of rows) if (r.unread > 0 && visibleRow(v, r)) n += r.unread;
  return n;
}
