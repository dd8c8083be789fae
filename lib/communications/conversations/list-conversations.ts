import "server-only";
import { Types } from "mongoose";
import { can, requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { Conversation } from "@/models/conversation";
import {
  inboxFilterQuery,
  pageOfRows,
  ROW_PROJECTION,
  toView,
  unreadOfRows,
  viewOfRow,
  visibilityFilter,
  type Cursor,
  type Visibility,
} from "./conversation-rows";
import type { ConversationView, InboxFilter } from "./inbox-filters";
import { conversationRowsOf } from "./conversation-read-model";

export { INBOX_FILTERS, INBOX_FILTER_LABELS, type ConversationView, type InboxFilter } from "./inbox-filters";

const PAGE = 50;

/**
 * Which conversations this person may see: every one with leads.read_all, else those of the
 * leads assigned to them; buyers' conversations with buyers.read.
 */
export function visibilityOf(ctx: TenantContext): Visibility {
  requirePermission(ctx, "communications.read");
  const leads = can(ctx, "leads.read_all") ? "all" : can(ctx, "leads.read") && ctx.userId ? "own" : "none";
  return { leads, buyers: can(ctx, "buyers.read"), userId: ctx.userId ?? null };
}

/** The visibility as a database filter. */
export function conversationVisibility(ctx: TenantContext): Record<string, unknown> {
  return visibilityFilter(visibilityOf(ctx));
}

function checkFilter(ctx: TenantContext, filter: InboxFilter): void {
  if (filter === "mine" && !ctx.userId) throw new AppError("bad_request", "Only a signed-in member has conversations of their own");
}

function parseCursor(before: string | null | undefined): Cursor | null {
  if (!before) return null;
  const [at, id] = before.split("|");
  const when = new Date(at);
  if (Number.isNaN(when.getTime()) || !id || !/^[0-9a-f]{24}$/.test(id)) throw new AppError("bad_request", "The page cursor is not valid");
  return { at: when.getTime(), id };
}

/**
 * Several conditions as one filter document where their fields do not clash: FerretDB pushes
 * top-level equalities down to PostgreSQL (and its indexes) but not those inside `$and`/`$or`.
 */
function allOf(parts: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const rest: Record<string, unknown>[] = [];
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (!(key in merged)) merged[key] = value;
      else if (String(merged[key]) !== String(value) || typeof value === "object") rest.push({ [key]: value });
    }
  }
  return rest.length ? { ...merged, $and: rest } : merged;
}

/** What the database answers: the fallback while this process has no rows for the company (and the consistency test's reference). */
export async function listConversationsFromDb(ctx: TenantContext, v: Visibility, filter: InboxFilter, before: Cursor | null): Promise<ConversationView[]> {
  // An admin sees both kinds: no condition at all, rather than an $or FerretDB cannot push down.
  const visible = v.leads === "all" && v.buyers ? {} : visibilityFilter(v);
  const parts = [visible, inboxFilterQuery(filter, v.userId)];
  if (before) {
    const when = new Date(before.at);
    parts.push({ $or: [{ last_at: { $lt: when } }, { last_at: when, _id: { $lt: new Types.ObjectId(before.id) } }] });
  }
  const rows = await scoped(ctx, Conversation).find(allOf(parts), ROW_PROJECTION).sort({ last_at: -1, _id: -1 }).limit(PAGE + 1).lean();
  return rows.map(toView);
}

export async function countUnreadFromDb(ctx: TenantContext, v: Visibility): Promise<number> {
  const visible = v.leads === "all" && v.buyers ? {} : visibilityFilter(v);
  const rows = await scoped(ctx, Conversation).aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: "$unread" } } }], allOf([visible, { unread: { $gt: 0 } }]) as never);
  return rows[0]?.n ?? 0;
}

/**
 * The company's conversations this person may see, newest first, 50 at a time (`before`: the
 * lastAt|id of the last row shown, for the next page). Answered from the rows this process holds
 * (conversation-read-model.ts), or from the database while they are being built.
 */
export async function listConversations(ctx: TenantContext, opts: { filter?: InboxFilter; before?: string | null } = {}): Promise<{ rows: ConversationView[]; next: string | null }> {
  const v = visibilityOf(ctx);
  const filter = opts.filter ?? "all";
  checkFilter(ctx, filter);
  const before = parseCursor(opts.before);
  const cached = await conversationRowsOf(ctx.tenantId);
  const rows = cached ? pageOfRows(cached.rows, v, filter, before, PAGE).map(viewOfRow) : await listConversationsFromDb(ctx, v, filter, before);
  const views = rows.slice(0, PAGE);
  const last = views[views.length - 1];
  return { rows: views, next: rows.length > PAGE && last ? `${last.lastAt}|${last.id}` : null };
}

/** Unread inbound messages across the conversations this person may see (the navigation's badge). */
export async function countUnread(ctx: TenantContext): Promise<number> {
  const v = visibilityOf(ctx);
  const cached = await conversationRowsOf(ctx.tenantId);
  return cached ? unreadOfRows(cached.rows, v) : countUnreadFromDb(ctx, v);
}

/** One conversation by its row id, or not found (another company's, or one this person may not see). */
export async function getConversationOrThrow(ctx: TenantContext, id: unknown): Promise<ConversationView> {
  const row = await scoped(ctx, Conversation).findOne({ ...conversationVisibility(ctx), _id: Types.ObjectId.isValid(String(id)) ? new Types.ObjectId(String(id)) : null }).lean();
  if (!row) throw new AppError("not_found", "Conversation not found");
  return toView(row);
}
