import "server-only";
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { resolveTagNames } from "@/lib/tags/resolve-tag-names";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { INDEX_PROJECTION, type IndexSourceDoc } from "../list/index/index-row";
import { clausesFilter } from "../list/mongo-filter";
import { changedFields, describeChange, type BulkChange } from "./bulk-change";
import { targetClauses, type LeadTarget } from "./target";

export type BulkResult = { bulkId: string; matched: number; changed: number; message: string };

const CHUNK = 500;

function updateFor(change: BulkChange, now: Date): Record<string, unknown> {
  const set = { updated_at: now };
  switch (change.kind) {
    case "assign":
      return change.userId ? { $set: { ...set, assigned_to: new Types.ObjectId(change.userId) } } : { $set: set, $unset: { assigned_to: 1 } };
    case "status":
      return { $set: { ...set, status: change.status } };
    case "priority":
      return { $set: { ...set, priority: change.priority } };
    case "addTags":
      return { $set: set, $addToSet: { tags: { $each: change.tags } } };
    case "removeTags":
      // FerretDB ignores $pull with a condition; $pullAll with exact values works on both.
      return { $set: set, $pullAll: { tags: change.tags } };
  }
}

/** Only leads the change would alter are written, so a repeat is a no-op and logs nothing. */
function wouldChange(change: BulkChange): Record<string, unknown> {
  switch (change.kind) {
    case "assign":
      return { assigned_to: change.userId ? { $ne: new Types.ObjectId(change.userId) } : { $ne: null } };
    case "status":
      return { status: { $ne: change.status } };
    case "priority":
      return { priority: { $ne: change.priority } };
    case "addTags":
      // "Lacks at least one of the tags", without $not/$all (portable).
      return { $or: change.tags.map((t) => ({ tags: { $ne: t } })) };
    case "removeTags":
      return { tags: { $in: change.tags } };
  }
}

async function assigneeName(ctx: TenantContext, userId: string): Promise<string> {
  const user = await scoped(ctx, User).findOne({ _id: userId, is_active: true }, { name: 1 }).lean();
  if (!user) throw new AppError("bad_request", "Please correct the highlighted fields.", { assigned_to: ["Choose an active member of your team"] });
  return user.name ?? "a teammate";
}

/**
 * Applies one change to every lead of a target this person may see: the leads are read once,
 * written in chunks by id with the same visibility and a "would still change" guard. Each chunk's
 * domain event carries the bulk change's id, so each changed lead gets its own activity with
 * before and after, marked as bulk (lib/activities/subscriber.ts), and the tag counts follow.
 */
export async function applyBulkChange(ctx: TenantContext, target: LeadTarget, change: BulkChange): Promise<BulkResult> {
  requirePermission(ctx, "leads.write");
  // "High Equity" adds (or removes) the catalogue's "high-equity", not a look-alike beside it.
  if (change.kind === "addTags" || change.kind === "removeTags") change = { ...change, tags: await resolveTagNames(ctx, change.tags) };
  if (change.kind === "assign") requirePermission(ctx, "leads.assign");
  const name = change.kind === "assign" && change.userId ? await assigneeName(ctx, change.userId) : undefined;

  const leads = scoped(ctx, Lead);
  const filter = clausesFilter(targetClauses(ctx, target));
  const batchId = randomUUID();
  const docs = await leads.find(filter, INDEX_PROJECTION).lean<IndexSourceDoc[]>();
  const toChange = docs.map((doc) => ({ doc, after: changedFields(change, doc) })).filter((x) => x.after !== null);

  let changed = 0;
  for (let i = 0; i < toChange.length; i += CHUNK) {
    const chunk = toChange.slice(i, i + CHUNK);
    const now = new Date();
    const ids = chunk.map((c) => c.doc._id as Types.ObjectId);
    const res = await leads.updateMany({ $and: [filter, { _id: { $in: ids } }, wouldChange(change)] }, updateFor(change, now), { eventMeta: { bulk_id: batchId } });
    changed += res.modifiedCount;
  }
  return { bulkId: batchId, matched: docs.length, changed, message: describeChange(change, changed, name) };
}
