import "server-only";
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { recordActivity, type ActivityInput } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/auth/permissions";
import { scoped } from "@/lib/db/scoped";
import type { TenantContext } from "@/lib/db/tenant-context";
import { AppError } from "@/lib/errors";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { recountTagUsage } from "@/lib/tags/recount-tag-usage";
import { resolveTagNames } from "@/lib/tags/resolve-tag-names";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { INDEX_PROJECTION, type IndexSourceDoc } from "../list/index/index-row";
import { clausesFilter } from "../list/mongo-filter";
import { statusWords } from "../write/lead-changes";
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

function activityFor(change: BulkChange, lead: IndexSourceDoc, after: ReturnType<typeof changedFields>, batchId: string): ActivityInput {
  const base = { entityType: "lead" as const, entityId: String(lead._id) };
  const meta = (changes: Record<string, { from: unknown; to: unknown }>, extra: Record<string, unknown> = {}) => ({ changes, bulk_id: batchId, ...extra });
  switch (change.kind) {
    case "assign": {
      const from = lead.assigned_to ? String(lead.assigned_to) : null;
      return { ...base, type: LEAD_ACTIVITY.assigned, description: change.userId ? "Lead assigned (bulk)" : "Lead unassigned (bulk)", metadata: meta({ assigned_to: { from, to: change.userId } }) };
    }
    case "status":
      return { ...base, type: LEAD_ACTIVITY.statusChanged, description: `Status: ${statusWords(lead.status)} → ${statusWords(change.status)} (bulk)`, metadata: meta({ status: { from: lead.status ?? null, to: change.status } }) };
    case "priority":
      return { ...base, type: LEAD_ACTIVITY.updated, description: "Updated priority (bulk)", metadata: meta({ priority: { from: lead.priority ?? null, to: change.priority } }) };
    case "addTags":
    case "removeTags": {
      const from = lead.tags ?? [];
      const to = after?.tags ?? from;
      const added = to.filter((t) => !from.includes(t));
      const removed = from.filter((t) => !to.includes(t));
      const description = [added.length ? `Tagged ${added.join(", ")}` : "", removed.length ? `Untagged ${removed.join(", ")}` : ""].filter(Boolean).join("; ");
      return { ...base, type: LEAD_ACTIVITY.tagsChanged, description: `${description} (bulk)`, metadata: meta({ tags: { from, to } }, { added, removed }) };
    }
  }
}

async function assigneeName(ctx: TenantContext, userId: string): Promise<string> {
  const user = await scoped(ctx, User).findOne({ _id: userId, is_active: true }, { name: 1 }).lean();
  if (!user) throw new AppError("bad_request", "Please correct the highlighted fields.", { assigned_to: ["Choose an active member of your team"] });
  return user.name ?? "a teammate";
}

/**
 * Applies one change to every lead of a target this person may see: the leads are read once (to
 * know their state before), written in chunks by id with the same visibility and a "would still
 * change" guard, and each changed lead gets its own activity with before and after.
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
    const res = await leads.updateMany({ $and: [filter, { _id: { $in: ids } }, wouldChange(change)] }, updateFor(change, now));
    changed += res.modifiedCount;
    await recordActivity(ctx, chunk.map((c) => activityFor(change, c.doc, c.after, batchId)));
  }
  if (change.kind === "addTags" || change.kind === "removeTags") await recountTagUsage(ctx, change.tags);
  return { bulkId: batchId, matched: docs.length, changed, message: describeChange(change, changed, name) };
}
