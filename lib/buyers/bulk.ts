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
import { buyerFilter } from "./list/buyer-filter";
import { parseBuyerQuery } from "./list/list-query";
import { resolveTagNames } from "@/lib/tags/resolve-tag-names";

// Bulk actions on the buyer list. The target is re-evaluated on the server: chosen ids (ids that
// are malformed or another tenant's match nothing) or every buyer a list state's filters select.

export const MAX_BULK = 20_000;
export const BUYER_TRASH_DAYS = 30;
const CHUNK = 500;

const tag = z.string().transform((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).pipe(z.string().min(1, "Tags: a tag cannot be empty").max(50, "Tags: a tag must be at most 50 characters"));

export const buyerTargetSchema = z.union([
  z.object({ ids: z.array(z.string().max(40)).min(1, "Select at least one buyer").max(MAX_BULK, `At most ${MAX_BULK.toLocaleString("en-US")} buyers at once`) }),
  z.object({ query: z.string().max(4000, "The list state is too long") }),
]);
export type BuyerTarget = z.infer<typeof buyerTargetSchema>;

export const bulkBuyerChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("addTags"), tags: z.array(tag).min(1, "Tags: name at least one tag").max(20) }),
  z.object({ kind: z.literal("removeTags"), tags: z.array(tag).min(1, "Tags: name at least one tag").max(20) }),
  z.object({ kind: z.literal("active"), value: z.boolean() }),
  z.object({ kind: z.literal("verified"), value: z.boolean() }),
]);
export type BulkBuyerChange = z.infer<typeof bulkBuyerChangeSchema>;

/** The MongoDB filter of a target (the tenant is added by scoped()). */
export function targetFilter(target: BuyerTarget): Record<string, unknown> {
  if ("ids" in target) {
    const ids = [...new Set(target.ids.filter(isObjectIdString).map((id) => id.toLowerCase()))];
    return { _id: { $in: ids.map((id) => new Types.ObjectId(id)) } };
  }
  const { query } = parseBuyerQuery(new URLSearchParams(target.query));
  return buyerFilter(query);
}

async function targetIds(ctx: TenantContext, target: BuyerTarget): Promise<Types.ObjectId[]> {
  const docs = await scoped(ctx, Buyer).find(targetFilter(target), { _id: 1 }).limit(MAX_BULK + 1).lean();
  if (docs.length > MAX_BULK) throw new AppError("bad_request", `At most ${MAX_BULK.toLocaleString("en-US")} buyers at once; narrow the filters.`);
  return docs.map((d) => d._id as Types.ObjectId);
}

const plural = (n: number) => `${n.toLocaleString("en-US")} buyer${n === 1 ? "" : "s"}`;

/** Applies one change to every buyer of the target; one activity per buyer it changed. */
export async function applyBulkBuyerChange(ctx: TenantContext, target: BuyerTarget, change: BulkBuyerChange): Promise<{ matched: number; changed: number; message: string }> {
  requirePermission(ctx, "buyers.write");
  // Tags as the catalogue spells them ("High Equity" → "high-equity"), as for leads.
  if (change.kind === "addTags" || change.kind === "removeTags") change = { ...change, tags: await resolveTagNames(ctx, change.tags) };
  const ids = await targetIds(ctx, target);
  const buyers = scoped(ctx, Buyer);
  // One bulk id for the activity log's entries (written from the domain events, lib/activities).
  const bulkId = randomUUID();
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    let filter: Record<string, unknown>;
    let update: Record<string, unknown>;
    switch (change.kind) {
      case "addTags":
        filter = { _id: { $in: chunk }, tags: { $not: { $all: change.tags } } };
        update = { $addToSet: { tags: { $each: change.tags } } };
        break;
      case "removeTags":
        filter = { _id: { $in: chunk }, tags: { $in: change.tags } };
        // FerretDB ignores $pull with a condition (it removed nothing); $pullAll with exact values works on both.
        update = { $pullAll: { tags: change.tags } };
        break;
      case "active":
        filter = { _id: { $in: chunk }, is_active: { $ne: change.value } };
        update = { $set: { is_active: change.value } };
        break;
      case "verified":
        filter = { _id: { $in: chunk }, is_verified: { $ne: change.value } };
        update = { $set: { is_verified: change.value } };
        break;
    }
    const touched = (await buyers.find(filter, { _id: 1 }).lean()).map((d) => d._id as Types.ObjectId);
    if (!touched.length) continue;
    await buyers.updateMany({ _id: { $in: touched } }, update, { eventMeta: { bulk_id: bulkId } });
    changed += touched.length;
  }
  const verb =
    change.kind === "addTags" ? "Tagged" : change.kind === "removeTags" ? "Untagged" : change.kind === "active" ? (change.value ? "Activated" : "Deactivated") : change.value ? "Verified" : "Unverified";
  return { matched: ids.length, changed, message: `${verb} ${plural(changed)}` };
}

/** Deletes the target's buyers into the trash under one batch id (undo with restoreBuyers). */
export async function deleteBuyers(ctx: TenantContext, target: BuyerTarget): Promise<{ batchId: string; count: number; message: string }> {
  requirePermission(ctx, "buyers.delete");
  const ids = await targetIds(ctx, target);
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
