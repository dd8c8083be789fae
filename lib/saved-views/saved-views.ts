import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { filterPart, listQueryToParams, parseListQuery } from "@/lib/leads/list/list-query";
import { SavedView } from "@/models/saved-view";
import type { SavedViewScope, SavedViewVisibility } from "@/models/saved-view-enums";
import { dealQueryToParams, parseDealQuery } from "@/lib/deals/list/deal-list-query";
import type { Permission } from "@/lib/core/permissions";
import { User } from "@/models/user";
import { builtinViewsOf } from "./builtin-views";
import { buyerFilterPart, buyerQueryToParams, parseBuyerQuery } from "@/lib/buyers/list/list-query";
import type { CreateSavedViewInput, UpdateSavedViewInput } from "./schemas";

export type SavedViewItem = {
  id: string;
  name: string;
  /** The list's URL search string, without "?". */
  query: string;
  kind: "builtin" | "mine" | "shared";
  visibility: SavedViewVisibility;
  ownerName?: string;
  description?: string;
  /** The acting user may rename, re-filter, share or delete it. */
  canEdit: boolean;
};

function actingUser(ctx: TenantContext): Types.ObjectId {
  if (!ctx.userId || !Types.ObjectId.isValid(ctx.userId)) throw new AppError("unauthorized", "Please sign in.");
  return new Types.ObjectId(ctx.userId);
}

/** The stored form of a view's filters: parsed and written back, so nothing unknown is kept (nor a page cursor). */
export function normalizeViewQuery(search: string, scope: SavedViewScope = "leads"): string {
  if (scope === "buyers") {
    const { query } = parseBuyerQuery(new URLSearchParams(search));
    return buyerQueryToParams({ ...buyerFilterPart(query), cols: query.cols }).toString();
  }
  if (scope === "deals") {
    const { query } = parseDealQuery(new URLSearchParams(search));
    return dealQueryToParams({ ...query, after: undefined }).toString();
  }
  const { query } = parseListQuery(new URLSearchParams(search));
  return listQueryToParams({ ...filterPart(query), cols: query.cols }).toString();
}

// Saved views of a list are for those who may read that list.
const READ: Record<SavedViewScope, Permission> = { leads: "leads.read", deals: "deals.read", buyers: "buyers.read" };

const canEditView = (ctx: TenantContext, ownerId: unknown) => ctx.role === "admin" || String(ownerId) === ctx.userId;

/** Built-in views, then the person's own, then those colleagues shared, each by name. */
export async function listSavedViews(ctx: TenantContext, scope: SavedViewScope = "leads"): Promise<SavedViewItem[]> {
  requirePermission(ctx, READ[scope]);
  const me = actingUser(ctx);
  const docs = await scoped(ctx, SavedView)
    .find({ scope, $or: [{ owner_id: me }, { visibility: "shared" }] })
    .sort({ name: 1 })
    .limit(200)
    .lean();
  const ownerIds = [...new Set(docs.map((d) => String(d.owner_id)).filter((id) => id !== ctx.userId))];
  const owners = ownerIds.length ? await scoped(ctx, User).find({ _id: { $in: ownerIds } }, { name: 1 }).lean() : [];
  const ownerName = new Map(owners.map((u) => [String(u._id), u.name]));
  const items: SavedViewItem[] = docs.map((d) => {
    const mine = String(d.owner_id) === ctx.userId;
    return {
      id: String(d._id),
      name: d.name,
      query: d.query ?? "",
      kind: mine ? "mine" : "shared",
      visibility: d.visibility as SavedViewVisibility,
      ownerName: mine ? undefined : (ownerName.get(String(d.owner_id)) ?? "A former colleague"),
      canEdit: canEditView(ctx, d.owner_id),
    };
  });
  const builtins: SavedViewItem[] = builtinViewsOf(scope).map((v) => ({ ...v, kind: "builtin", visibility: "shared", canEdit: false }));
  return [...builtins, ...items.filter((i) => i.kind === "mine"), ...items.filter((i) => i.kind === "shared")];
}

/** A view this person may see (their own or a shared one); not found otherwise. */
export async function getSavedViewOrThrow(ctx: TenantContext, id: string, scope: SavedViewScope = "leads"): Promise<SavedViewItem> {
  const builtin = builtinViewsOf(scope).find((v) => v.id === id);
  if (builtin) return { ...builtin, kind: "builtin", visibility: "shared", canEdit: false };
  requirePermission(ctx, READ[scope]);
  const me = actingUser(ctx);
  if (!isObjectIdString(id)) throw notFound("View");
  const doc = await scoped(ctx, SavedView).findOne({ _id: id, scope, $or: [{ owner_id: me }, { visibility: "shared" }] }).lean();
  if (!doc) throw notFound("View");
  const mine = String(doc.owner_id) === ctx.userId;
  return { id: String(doc._id), name: doc.name, query: doc.query ?? "", kind: mine ? "mine" : "shared", visibility: doc.visibility as SavedViewVisibility, canEdit: canEditView(ctx, doc.owner_id) };
}

export async function createSavedView(ctx: TenantContext, input: CreateSavedViewInput): Promise<{ id: string }> {
  const scope = input.scope ?? "leads";
  requirePermission(ctx, READ[scope]);
  const owner_id = actingUser(ctx);
  const count = await scoped(ctx, SavedView).countDocuments({ scope, owner_id });
  if (count >= 100) throw new AppError("limit_reached", "You have 100 saved views; delete one to save another.");
  const doc = await scoped(ctx, SavedView).create({ owner_id, scope, name: input.name, visibility: input.visibility, query: normalizeViewQuery(input.query, scope) });
  return { id: String(doc._id) };
}

/** A view the acting user may change: their own, or any shared one for an admin. */
async function editableView(ctx: TenantContext, id: string, scope: SavedViewScope = "leads") {
  requirePermission(ctx, READ[scope]);
  const me = actingUser(ctx);
  const doc = await scoped(ctx, SavedView).findOne({ _id: id, scope, $or: [{ owner_id: me }, { visibility: "shared" }] }).lean();
  if (!doc) throw notFound("View");
  if (!canEditView(ctx, doc.owner_id)) throw new AppError("forbidden", "Only the person who saved this view, or an admin, can change it.");
  return doc;
}

export async function updateSavedView(ctx: TenantContext, input: UpdateSavedViewInput): Promise<void> {
  const scope = input.scope ?? "leads";
  const doc = await editableView(ctx, input.id, scope);
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.visibility !== undefined) set.visibility = input.visibility;
  if (input.query !== undefined) set.query = normalizeViewQuery(input.query, scope);
  if (Object.keys(set).length) await scoped(ctx, SavedView).updateOne({ _id: doc._id }, { $set: set });
}

export async function deleteSavedView(ctx: TenantContext, id: string, scope: SavedViewScope = "leads"): Promise<void> {
  const doc = await editableView(ctx, id, scope);
  await scoped(ctx, SavedView).deleteOne({ _id: doc._id });
}
