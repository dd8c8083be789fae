import "server-only";
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { can, requirePermission } from "@/lib/core/permissions";
import { deleteInBatches } from "@/lib/core/db/delete-in-batches";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { DeletedLead } from "@/models/deleted-lead";
import { Lead } from "@/models/lead";
import { targetClauses, type LeadTarget } from "./bulk/target";
import { assertLeadCapacity } from "./capacity";
import type { IndexSourceDoc } from "./list/index/index-row";
import { clausesFilter } from "./list/mongo-filter";

export type { LeadTarget };

/** How long deleted leads stay restorable. */
export const TRASH_DAYS = 30;
const CHUNK = 500;

type StoredLead = IndexSourceDoc & { _id: Types.ObjectId; tags?: string[]; name?: string };

/**
 * Deletes leads this person may see: by ids (the lead page passes `[id]`) or a list state's
 * filters. Each lead is first copied whole into the trash under one batch id, then removed (its
 * domain event carries the batch id: a lead_deleted activity each, tag counts follow); restoreLeads(ctx, batchId) undoes it for TRASH_DAYS days. Ids
 * of leads they cannot see (another tenant's included) match nothing.
 */
export async function deleteLeads(ctx: TenantContext, target: LeadTarget): Promise<{ batchId: string; count: number }> {
  requirePermission(ctx, "leads.delete");
  const leads = scoped(ctx, Lead);
  const trash = scoped(ctx, DeletedLead);
  const filter = clausesFilter(targetClauses(ctx, target));
  const batchId = randomUUID();
  const expires_at = new Date(Date.now() + TRASH_DAYS * 86_400_000);
  const docs = await leads.find(filter).lean<StoredLead[]>();
  let count = 0;

  for (let i = 0; i < docs.length; i += CHUNK) {
    const chunk = docs.slice(i, i + CHUNK);
    // Trash first: if the delete below fails, the leads are still there and the copies harmless.
    await trash.insertMany(chunk.map((lead) => ({ batch_id: batchId, lead_id: lead._id, lead, deleted_by: ctx.userId, expires_at })));
    const ids = chunk.map((l) => l._id);
    const res = await leads.deleteMany({ $and: [filter, { _id: { $in: ids } }] }, { eventMeta: { batch_id: batchId } });
    count += res.deletedCount;
  }
  return { batchId, count };
}

/**
 * Puts a deleted batch back, exactly as it was (same ids, so links, activities and
 * conversations find their lead again). Only whoever deleted it, or someone who sees every lead,
 * may restore it. Safe to repeat: leads already back are skipped. Restored leads count against
 * the plan's max_leads like new ones: when they no longer fit, nothing is restored.
 */
export async function restoreLeads(ctx: TenantContext, batchId: string): Promise<{ count: number }> {
  requirePermission(ctx, "leads.delete");
  if (typeof batchId !== "string" || !/^[0-9a-f-]{36}$/i.test(batchId)) throw new AppError("not_found", "Nothing to restore: that delete is not in the trash.");
  const trash = scoped(ctx, DeletedLead);
  const leads = scoped(ctx, Lead);
  const filter: Record<string, unknown> = { batch_id: batchId, expires_at: { $gt: new Date() } };
  if (!can(ctx, "leads.read_all")) filter.deleted_by = ctx.userId ? new Types.ObjectId(ctx.userId) : null;
  const rows = await trash.find(filter).lean();
  if (!rows.length) throw new AppError("not_found", "Nothing to restore: that delete is not in the trash any more.");

  // Leads already back are skipped; the others must fit in the plan like new leads (max_leads).
  const chunks: { ids: Types.ObjectId[]; missing: StoredLead[] }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const ids = chunk.map((r) => r.lead_id as Types.ObjectId);
    const present = new Set((await leads.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((l) => String(l._id)));
    chunks.push({ ids, missing: chunk.filter((r) => !present.has(String(r.lead_id))).map((r) => r.lead as StoredLead) });
  }
  const adding = chunks.reduce((n, c) => n + c.missing.length, 0);
  if (adding) await assertLeadCapacity(ctx, adding);

  let count = 0;
  for (const { ids, missing } of chunks) {
    // The insert's event says it is a restore: a lead_restored activity each, tag counts follow.
    if (missing.length) await leads.insertMany(missing, { ordered: false, eventMeta: { restored_batch: batchId } });
    count += missing.length;
    await trash.deleteMany({ batch_id: batchId, lead_id: { $in: ids } });
  }
  return { count };
}

/** Empties the trash of batches past their restore period (run by a scheduled job). */
export async function purgeExpiredTrash(ctx: TenantContext, now = new Date()): Promise<number> {
  return deleteInBatches(scoped(ctx, DeletedLead), { expires_at: { $lte: now } });
}
