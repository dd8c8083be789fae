import "server-only";
import type { Types } from "mongoose";
import { recordActivity, type ActivityInput } from "@/lib/activities/record-activity";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { type LeadDocument } from "@/lib/leads/get-lead";
import { storableChanges } from "@/lib/activities/describe-changes";
import { diffSnapshots, saveLeadChanges, type LeadChanges } from "@/lib/leads/write/lead-changes";
import type { DealStatus, DealType } from "@/models/deal-enums";
import { Lead } from "@/models/lead";
import { DEAL_ACTIVITY } from "../activity-types";
import { deriveFinancials } from "../financials";
import type { DealDocument } from "../get-deal";
import { timelineProblems, TIMELINE_FIELDS, type DealTimeline } from "../timeline-order";
import { leadStatusForDeal } from "../transitions";

// The paths a person changes on a deal, compared before and after a save.
const TRACKED = [
  "status", "deal_type", "buyer_id", "notes", "cancel_reason",
  "financials.purchase_price", "financials.sale_price", "financials.rehab_cost", "financials.closing_costs", "financials.holding_costs", "financials.assignment_fee",
  "timeline.contract_date", "timeline.closing_date", "timeline.rehab_start_date", "timeline.rehab_end_date", "timeline.listing_date", "timeline.sale_date",
  "analysis.arv", "analysis.repairs", "analysis.offer_rule", "analysis.assignment_fee",
] as const;

function plain(v: unknown): unknown {
  if (v === undefined || v === null || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && v && "toHexString" in v) return String(v);
  return v;
}

function snapshot(doc: DealDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of TRACKED) out[path] = plain(doc.get(path));
  return out;
}

const words = (v: unknown) => (v === null || v === undefined ? "none" : String(v).replace(/_/g, " "));
const fieldName = (path: string) => (path.split(".").pop() ?? path).replace(/_/g, " ");

function activitiesFor(dealId: Types.ObjectId, changes: LeadChanges, doc: DealDocument): ActivityInput[] {
  const base = { entityType: "deal" as const, entityId: dealId };
  const out: ActivityInput[] = [];
  const rest: LeadChanges = {};
  for (const [field, change] of Object.entries(changes)) {
    if (field === "status") {
      const to = change.to as DealStatus;
      const type = to === "closed" ? DEAL_ACTIVITY.closed : to === "cancelled" ? DEAL_ACTIVITY.cancelled : DEAL_ACTIVITY.statusChanged;
      const f = doc.get("financials") as { profit?: number; roi?: number } | undefined;
      const description =
        to === "cancelled" ? `Cancelled: ${doc.get("cancel_reason") ?? ""}` : to === "closed" ? "Deal closed" : `Status: ${words(change.from)} → ${words(change.to)}`;
      out.push({ ...base, type, description, metadata: { changes: { status: change }, ...(to === "closed" ? { profit: f?.profit ?? null, roi: f?.roi ?? null } : {}), ...(to === "cancelled" ? { reason: doc.get("cancel_reason") ?? null } : {}) } });
    } else if (field === "buyer_id") {
      out.push({ ...base, type: DEAL_ACTIVITY.buyerAssigned, description: change.to ? "Buyer assigned" : "Buyer unassigned", metadata: { changes: { buyer_id: change } } });
    } else if (field === "cancel_reason" && changes.status) {
      continue;
    } else rest[field] = change;
  }
  const analysis = Object.keys(rest).filter((k) => k.startsWith("analysis."));
  if (analysis.length) {
    out.push({ ...base, type: DEAL_ACTIVITY.analyzed, description: `Analyzed: MAO ${doc.get("analysis.mao")}`, metadata: { changes: storableChanges(Object.fromEntries(analysis.map((k) => [k, rest[k]]))) } });
    for (const k of analysis) delete rest[k];
  }
  if (Object.keys(rest).length) out.push({ ...base, type: DEAL_ACTIVITY.updated, description: `Updated ${Object.keys(rest).map(fieldName).join(", ")}`, metadata: { changes: storableChanges(rest) } });
  return out;
}

/** Throws naming each date that comes before the one it must follow; nothing is saved. */
export function assertTimelineOrder(doc: DealDocument): void {
  const t: DealTimeline = {};
  for (const f of TIMELINE_FIELDS) t[f] = (doc.get(`timeline.${f}`) as Date | undefined) ?? null;
  const problems = timelineProblems(t);
  if (Object.keys(problems).length) throw new AppError("bad_request", Object.values(problems)[0]![0]!, problems);
}

/** Profit and ROI, derived from the amounts on every save. */
export function applyDerivedFinancials(doc: DealDocument): void {
  const f = (doc.get("financials") ?? {}) as Record<string, number | undefined>;
  const { profit, roi } = deriveFinancials((doc.get("deal_type") ?? "wholesale") as DealType, f);
  doc.set("financials.profit", profit ?? undefined);
  doc.set("financials.roi", roi ?? undefined);
}

/** Moves the deal's lead to the status that goes with the deal's (lead activity recorded as a lead change). */
export async function syncLeadStatus(ctx: TenantContext, leadId: unknown, status: DealStatus): Promise<void> {
  if (!leadId) return;
  const lead = (await scoped(ctx, Lead).findById(String(leadId))) as LeadDocument | null;
  if (!lead) return;
  await saveLeadChanges(ctx, lead, (d) => d.set("status", leadStatusForDeal(status)));
}

/**
 * Applies `mutate`, re-derives profit and ROI, checks the dates' order, saves through the model
 * (its validators name any bad field), records what changed, and keeps the lead in step when the
 * status moved. Nothing is written when nothing changed or anything is refused.
 */
export async function saveDealChanges(ctx: TenantContext, doc: DealDocument, mutate: (doc: DealDocument) => void): Promise<LeadChanges> {
  const before = snapshot(doc);
  mutate(doc);
  applyDerivedFinancials(doc);
  assertTimelineOrder(doc);
  const changes = diffSnapshots(before, snapshot(doc));
  if (!Object.keys(changes).length) return changes;
  // Only what changed is validated: an entry stored under an older shape elsewhere in the deal
  // (its documents, say) must not stop a status change or an edit of the amounts.
  await doc.save({ validateModifiedOnly: true });
  await recordActivity(ctx, activitiesFor(doc._id as Types.ObjectId, changes, doc));
  if (changes.status) await syncLeadStatus(ctx, doc.get("lead_id"), doc.get("status") as DealStatus);
  return changes;
}
