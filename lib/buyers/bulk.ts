import "server-only";
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { z } from "zod";
import { can, requirePermission } from "@/lib/core/permissions";
import { deleteInBatches } from "@/lib/core/db/delete-in-batches";
import { isObjectIdString, scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { Buyer } from "@/models/buyer";
import { DeletedBuyer } from "@/models/deleted-buyer";
import { bulkTargetSchemaOf, type BulkTarget } from "@/lib/core/bulk/target-schema";
import { buyerIdsMatching } from "./list/list-buyers";
import { emptyBuyerQuery, parseBuyerQuery } from "./list/list-query";
import { resolveTagNames } from "@/lib/tags/resolve-tag-names";

// Bulk actions on the buyer list. The target is resolved on the server (buyerIdsOfTarget): the
// ticked ids (malformed or another tenant's match nothing), or every buyer the list state's
// filters select, from the same rows the list is paged from, so "all N matching" is the N shown.

/** The most buyers one action may change ("all matching" past it asks to narrow the filters). */
export const MAX_BULK = 20_000;
/** The most buyers a person can tick by hand (a page is at most 100). */
export const MAX_SELECTION = 500;
export const BUYER_TRASH_DAYS = 30;
const CHUNK = 1000;

const tag = z.string().transform((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).pipe(z.string().min(1, "Tags: a tag cannot be empty").max(50, "Tags: a tag must be at most 50 characters"));

export const buyerTargetSchema = bulkTargetSchemaOf({ noun: "buyer", maxIds: MAX_SELECTION });
export type BuyerTarget = BulkTarget;

export const bulkBuyerChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("addTags"), tags: z.array(tag).min(1, "Tags: name at least one tag").max(20) }),
  z.object({ kind: z.literal("removeTags"), tags: z.array(tag).min(1, "Tags: name at least one tag").max(20) }),
  z.object({ kind: z.literal("active"), value: z.boolean() }),
  z.object({ kind: z.literal("verified"), value: z.boolean() }),
]);
export type BulkBuyerChange = z.infer<typeof bulkBuyerChangeSchema>;

/** The buyers of a target, this tenant's only, in the list's name order. */
export async function buyerIdsOfTarget(ctx: TenantContext, target: BuyerTarget, now = new Date()): Promise<string[]> {
  const resolved =
    target.mode === "ids"
      ? await buyerIdsMatching(ctx, emptyBuyerQuery(), { now, cap: MAX_SELECTION, among: target.ids })
      : await buyerIdsMatching(ctx, parseBuyerQuery(new URLSearchParams(target.query)).query, { now, cap: MAX_BULK });
  return resolved.ids;
}

/** Only buyers the change would alter are written, so a repeat is a no-op and logs nothing. */
function changeOf(change: BulkBuyerChange): { wouldChange: Record<string, unknown>; update: Record<string, unknown> } {
  switch (change.kind) {
    case "addTags":
      // "Lacks at least one of the tags", without $not/$all (portable).
      return { wouldChange: { $or: change.tags.map((t) => ({ tags: { $ne: t } })) }, update: { $addToSet: { tags: { $each: change.tags } } } };
    case "removeTags":
      // FerretDB ignores $pull with a condition (it removed nothing); $pullAll with exact values works on both.
      return { wouldChange: { tags: { $in: change.tags } }, update: { $pullAll: { tags: change.tags } } };
    case "active":
      return { wouldChange: { is_active: { $ne: change.value } }, update: { $set: { is_active: change.value } } };
    case "verified":
      return { wouldChange: { is_verified: { $ne: change.value } }, update: { $set: { is_verified: change.value } } };
  }
}

const plural = (n: number) => `${n.toLocaleString("en-US")} buyer${n === 1 ? "" : "s"}`;

/** Applies one change to every buyer of the target; one activity per buyer it changed. */
export async function applyBulkBuyerChange(ctx: TenantContext, target: BuyerTarget, change: BulkBuyerChange): Promise<{ matched: number; changed: number; message: string }> {
  requirePermission(ctx, "buyers.write");
  // Tags as the catalogue spells them ("High Equity" → "high-equity"), as for leads.
  if (change.kind === "addTags" || change.kind === "removeTags") change = { ...change, tags: await resolveTagNames(ctx, change.tags) };
  const ids = await buyerIdsOfTarget(ctx, target);
  const buyers = scoped(ctx, Buyer);
  const { wouldChange, update } = changeOf(change);
  // One bulk id for the activity log's entries (written from the domain events, lib/activities).
  const bulkId = randomUUID();
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK).map((id) => new Types.ObjectId(id));
    const res = await buyers.updateMany({ $and: [{ _id: { $in: chunk } }, wouldChange] }, update, { eventMeta: { bulk_id: bulkId } });
    changed += res.modifiedCount;
  }
  const verb =
    change.kind === "addTags" ? "Tagged" : change.kind === "removeTags" ? "Untagged" : change.kind === "active" ? (change.value ? "Activated" : "Deactivated") : change.value ? "Verified" : "Unverified";
  return { matched: ids.length, changed, message: `${verb} ${plural(changed)}` };
}

/** Deletes the target's buyers into the trash under one batch id (undo with restoreBuyers). */
export async function deleteBuyers(ctx: TenantContext, target: BuyerTarget): Promise<{ batchId: string; count: number; message: string }> {
  requirePermission(ctx, "buyers.delete");
  const ids = (await buyerIdsOfTarget(ctx, target)).map((id) => new Types.ObjectId(id));
  const buyers = scoped(ctx, Buyer);
  const trash = scoped(ctx, DeletedBuyer);
  const batchId = randomUUID();
  const expires_at = new Date(Date.now() + BUYER_TRASH_DAYS * 86_400_000);
  let count = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const docs = await buyers.find({ _id: { $in: ids.slice(i, i + CHUNK) } }).lean<Record<string, any>[]>();
    if (!docs.length) continue;
    // Trash first: if the delete fails, the buyers are still there and the copies harmless.
    await trash.insertMany(docs.map((buyer) => ({ batch_id: batchId, buyer_id: buyer._id, buyer, deleted_by: ctx.userId, expires_at })));
    const res = await buyers.deleteMany({ _id: { $in: docs.map((d) => d._id) } }, { eventMeta: { batch_id: batchId } });
    count += res.deletedCount;
  }
  return { batchId, count, message: `Deleted ${plural(count)}` };
}

/** Puts a deleted batch back as it was (same ids). Only whoever deleted it, or an admin. Safe to repeat. */
export async function restoreBuyers(ctx: TenantContext, batchId: string): Promise<{ count: number; message: string }> {
  requirePermission(ctx, "buyers.delete");
  if (typeof batchId !== "string" || !/^[0-9a-f-]{36}$/i.test(batchId)) throw new AppError("not_found", "Nothing to restore: that delete is not in the trash.");
  const trash = scoped(ctx, DeletedBuyer);
  const buyers = scoped(ctx, Buyer);
  const filter: Record<string, unknown> = { batch_id: batchId, expires_at: { $gt: new Date() } };
  if (!can(ctx, "settings.manage")) filter.deleted_by = ctx.userId && isObjectIdString(ctx.userId) ? new Types.ObjectId(ctx.userId) : null;
  const rows = await trash.find(filter).lean();
  if (!rows.length) throw new AppError("not_found", "Nothing to restore: that delete is not in the trash any more.");
  let count = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const ids = chunk.map((r) => r.buyer_id as Types.ObjectId);
    const present = new Set((await buyers.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((b) => String(b._id)));
    const missing = chunk.filter((r) => !present.has(String(r.buyer_id))).map((r) => r.buyer as Record<string, any>);
    if (missing.length) await buyers.insertMany(missing, { ordered: false, eventMeta: { restored_batch: batchId } });
    count += missing.length;
    await trash.deleteMany({ batch_id: batchId, buyer_id: { $in: ids } });
  }
  return { count, message: `Restored ${plural(count)}` };
}

/** Empties the buyer trash of batches past their restore period (the maintenance job). */
export async function purgeExpiredBuyerTrash(ctx: TenantContext, now = new Date()): Promise<number> {
  return deleteInBatches(scoped(ctx, DeletedBuyer), { expires_at: { $lte: now } });
}
