import "server-only";
import { Types } from "mongoose";
import { can, requirePermission } from "@/lib/auth/permissions";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { Conversation } from "@/models/conversation";
import type { ConversationView, InboxFilter } from "./inbox-filters";

export { INBOX_FILTERS, INBOX_FILTER_LABELS, type ConversationView, type InboxFilter } from "./inbox-filters";

const PAGE = 50;

/**
 * Which conversations this person may see: every one with leads.read_all, else those of the
 * leads assigned to them; buyers' conversations with buyers.read.
 */
export function conversationVisibility(ctx: TenantContext): Record<string, unknown> {
  requirePermission(ctx, "communications.read");
  const leads = can(ctx, "leads.read_all") ? { contact_type: "lead" } : can(ctx, "leads.read") && ctx.userId ? { contact_type: "lead", assigned_to: new Types.ObjectId(ctx.userId) } : null;
  const buyers = can(ctx, "buyers.read") ? { contact_type: "buyer" } : null;
  const parts = [leads, buyers].filter(Boolean) as Record<string, unknown>[];
  if (!parts.length) return { contact_type: "none" };
  return parts.length === 1 ? parts[0] : { $or: parts };
}

function filterFor(ctx: TenantContext, filter: InboxFilter): Record<string, unknown> {
  switch (filter) {
    case "mine":
      if (!ctx.userId) throw new AppError("bad_request", "Only a signed-in member has conversations of their own");
      return { assigned_to: new Types.ObjectId(ctx.userId) };
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

const toView = (c: Record<string, any>): ConversationView => ({
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

/**
 * The company's conversations this person may see, newest first, 50 at a time (`before`: the
 * lastAt|id of the last row shown, for the next page).
 */
export async function listConversations(ctx: TenantContext, opts: { filter?: InboxFilter; before?: string | null } = {}): Promise<{ rows: ConversationView[]; next: string | null }> {
  const and: Record<string, unknown>[] = [conversationVisibility(ctx), filterFor(ctx, opts.filter ?? "all")];
  if (opts.before) {
    const [at, id] = opts.before.split("|");
    const when = new Date(at);
    if (Number.isNaN(when.getTime()) || !Types.ObjectId.isValid(id)) throw new AppError("bad_request", "The page cursor is not valid");
    and.push({ $or: [{ last_at: { $lt: when } }, { last_at: when, _id: { $lt: new Types.ObjectId(id) } }] });
  }
  const rows = await scoped(ctx, Conversation).find({ $and: and }).sort({ last_at: -1, _id: -1 }).limit(PAGE + 1).lean();
  const views = rows.slice(0, PAGE).map(toView);
  const last = views[views.length - 1];
  return { rows: views, next: rows.length > PAGE && last ? `${last.lastAt}|${last.id}` : null };
}

/** Unread inbound messages across the conversations this person may see (the navigation's badge). */
export async function countUnread(ctx: TenantContext): Promise<number> {
  const rows = await scoped(ctx, Conversation).aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: "$unread" } } }], {
    $and: [conversationVisibility(ctx), { unread: { $gt: 0 } }],
  } as never);
  return rows[0]?.n ?? 0;
}

/** One conversation by its row id, or not found (another company's, or one this person may not see). */
export async function getConversationOrThrow(ctx: TenantContext, id: unknown): Promise<ConversationView> {
  const row = await scoped(ctx, Conversation).findOne({ $and: [{ _id: Types.ObjectId.isValid(String(id)) ? new Types.ObjectId(String(id)) : null }, conversationVisibility(ctx)] }).lean();
  if (!row) throw new AppError("not_found", "Conversation not found");
  return toView(row);
}
