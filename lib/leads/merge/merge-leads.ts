import "server-only";
import type { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { recordActivity } from "@/lib/activities/record-activity";
import { actorOf } from "@/lib/core/events/actor";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { Activity } from "@/models/activity";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { LeadMerge } from "@/models/lead-merge";
import { getLeadDocumentOrThrow, getLeadRecordOrThrow, type LeadRecord } from "../get-lead";
import { storableChanges } from "@/lib/activities/describe-changes";
import { diffSnapshots, snapshotTracked } from "../write/lead-changes";
import { defaultChoice, differingFields, mergeFieldValue, planMerge, type MergeableLead, type MergeChoices, type MergeField } from "./plan-merge";

export type MergeStep = "patched" | "communications" | "activities" | "deals" | "recorded" | "deleted" | "counted";

/** For tests: throw after this step, as a crash would. */
export type MergeOptions = { crashAfter?: MergeStep; choices?: MergeChoices };

/**
 * Merges `mergeId` into `keepId`: every communication, activity and deal of the merged lead is
 * repointed to the kept one, tags are united, notes concatenated and empty fields filled; then
 * the merged lead is deleted. There are no transactions on FerretDB, so the merge is a journal
 * (lead_merges) and idempotent steps: calling it again after a crash finishes the same merge.
 */
export async function mergeLeads(ctx: TenantContext, keepId: string, mergeId: string, options: MergeOptions = {}): Promise<{ keptId: string }> {
  requirePermission(ctx, "leads.write");
  if (keepId.toLowerCase() === mergeId.toLowerCase()) throw new AppError("bad_request", "A lead cannot be merged into itself.");
  const kept = await getLeadDocumentOrThrow(ctx, keepId);
  const merges = scoped(ctx, LeadMerge);

  let journal = await merges.findOne({ merged_id: mergeId }).lean();
  if (journal && String(journal.kept_id) !== String(kept._id)) throw new AppError("conflict", "That lead is already being merged into another lead.");
  if (journal?.status === "done") return { keptId: String(kept._id) };
  if (!journal) {
    const other = await getLeadRecordOrThrow(ctx, mergeId);
    const snapshot = withoutDerived(other);
    const patch = planMerge(kept.toObject() as MergeableLead, other as unknown as MergeableLead, options.choices);
    try {
      await merges.create({ kept_id: kept._id, merged_id: other._id, snapshot, patch, user_id: ctx.userId });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    journal = await merges.findOne({ merged_id: mergeId }).lean();
    if (!journal || String(journal.kept_id) !== String(kept._id)) throw new AppError("conflict", "That lead is already being merged into another lead.");
  }
  return continueMerge(ctx, journal as JournalRow, options);
}

type JournalRow = { _id: Types.ObjectId; kept_id: Types.ObjectId; merged_id: Types.ObjectId; snapshot: Record<string, unknown>; patch: Record<string, unknown>; steps: string[] };

/** Finishes a merge from its journal; each step is safe to run twice. */
async function continueMerge(ctx: TenantContext, journal: JournalRow, { crashAfter }: MergeOptions): Promise<{ keptId: string }> {
  const merges = scoped(ctx, LeadMerge);
  const done = new Set(journal.steps);
  const step = async (name: MergeStep, work: () => Promise<unknown>) => {
    if (!done.has(name)) {
      await work();
      await merges.updateOne({ _id: journal._id }, { $addToSet: { steps: name } });
      done.add(name);
    }
    if (crashAfter === name) throw new Error(`simulated crash after ${name}`);
  };
  const keptId = journal.kept_id;
  const mergedId = journal.merged_id;
  let changes: Record<string, unknown> = {};

  await step("patched", async () => {
    const kept = await getLeadDocumentOrThrow(ctx, String(keptId));
    const before = snapshotTracked(kept);
    kept.set(journal.patch);
    if (journal.patch.custom_fields) kept.markModified("custom_fields");
    changes = storableChanges(diffSnapshots(before, snapshotTracked(kept)));
    // The merge's own entry ("recorded") describes this change; the event says it is a merge's.
    kept.$locals.actor = actorOf(ctx);
    kept.$locals.eventMeta = { merged_id: String(mergedId) };
    await kept.save();
  });
  await step("communications", () => scoped(ctx, Communication).updateMany({ recipient_type: "lead", recipient_id: mergedId }, { $set: { recipient_id: keptId } }));
  await step("activities", () => scoped(ctx, Activity).updateMany({ entity_type: "lead", entity_id: mergedId }, { $set: { entity_id: keptId } }));
  await step("deals", () => scoped(ctx, Deal).updateMany({ lead_id: mergedId }, { $set: { lead_id: keptId } }));
  await step("recorded", async () => {
    const exists = await scoped(ctx, Activity).exists({ type: LEAD_ACTIVITY.merged, entity_id: keptId, "metadata.merged_id": String(mergedId) });
    if (exists) return;
    await recordActivity(ctx, {
      type: LEAD_ACTIVITY.merged,
      entityType: "lead",
      entityId: keptId,
      description: `Merged ${String(journal.snapshot.name ?? "a lead")} into this lead`,
      metadata: { merged_id: String(mergedId), snapshot: journal.snapshot, changes },
    });
  });
  await step("deleted", () => scoped(ctx, Lead).deleteOne({ _id: mergedId }, { eventMeta: { merged_into: String(keptId) } }));
  // The contact counters and tag counts follow the moved communications and the changed leads
  // through their domain events (lib/contact-counters, lib/tags/usage-subscriber.ts); the step
  // stays so journals written before keep their meaning.
  await step("counted", async () => undefined);
  await merges.updateOne({ _id: journal._id }, { $set: { status: "done", completed_at: new Date() } });
  return { keptId: String(keptId) };
}

export type MergePreviewRow = { field: MergeField; kept: unknown; merged: unknown; choice: "kept" | "merged" };

/**
 * What the merge dialog shows: both leads' values of every field on which they differ, and which
 * wins unless the person picks otherwise (the most advanced status, the highest priority, a value
 * where the kept lead has none).
 */
export async function previewMerge(ctx: TenantContext, keepId: string, mergeId: string): Promise<{ kept: { id: string; name: string }; merged: { id: string; name: string }; rows: MergePreviewRow[] }> {
  requirePermission(ctx, "leads.write");
  if (keepId.toLowerCase() === mergeId.toLowerCase()) throw new AppError("bad_request", "A lead cannot be merged into itself.");
  const [kept, other] = await Promise.all([getLeadRecordOrThrow(ctx, keepId), getLeadRecordOrThrow(ctx, mergeId)]);
  const a = kept as unknown as MergeableLead;
  const b = other as unknown as MergeableLead;
  const plain = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));
  return {
    kept: { id: String(kept._id), name: kept.name ?? "" },
    merged: { id: String(other._id), name: other.name ?? "" },
    rows: differingFields(a, b).map((field) => ({ field, kept: plain(mergeFieldValue(a, field)), merged: plain(mergeFieldValue(b, field)), choice: defaultChoice(a, b, field) })),
  };
}

/** Merges left unfinished (a crash) that involve this lead, so the lead page can offer to finish them. */
export async function findUnfinishedMerges(ctx: TenantContext, leadId: string): Promise<{ keptId: string; mergedId: string; mergedName: string }[]> {
  const rows = await scoped(ctx, LeadMerge)
    .find({ status: "in_progress", $or: [{ kept_id: leadId }, { merged_id: leadId }] }, { kept_id: 1, merged_id: 1, "snapshot.name": 1 })
    .limit(5)
    .lean();
  return rows.map((r) => ({ keptId: String(r.kept_id), mergedId: String(r.merged_id), mergedName: String((r.snapshot as { name?: string })?.name ?? "") }));
}

/** The merged lead as it was, without fields derived from others (they are derived again if restored). */
function withoutDerived(lead: LeadRecord): Record<string, unknown> {
  const { search_keys: _k, address_key: _a, ...rest } = lead as LeadRecord & Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

