import "server-only";
import { Types } from "mongoose";
import { recordActivity } from "@/lib/activities/record-activity";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { getLeadRecordOrThrow } from "@/lib/leads/get-lead";
import { Deal } from "@/models/deal";
import { DEAL_ACTIVITY } from "../activity-types";
import { analyzeDeal } from "../analyzer";
import { deriveFinancials } from "../financials";
import type { CreateDealInput } from "../schemas";
import { timelineProblems } from "../timeline-order";
import { getOfferRule } from "../offer-rule";
import { syncLeadStatus } from "./deal-changes";

/**
 * Opens a deal on a lead: the property's address and details are copied from the lead, the
 * analyzer's run (when ARV is given) is saved with it at the workspace's offer rule, and the lead
 * moves to under contract. A lead has at most one deal that is not cancelled.
 */
export async function createDealFromLead(ctx: TenantContext, input: CreateDealInput): Promise<{ id: string }> {
  requirePermission(ctx, "deals.write");
  const lead = await getLeadRecordOrThrow(ctx, input.lead_id);
  const open = await scoped(ctx, Deal).exists({ lead_id: lead._id, status: { $in: ["pending", "under_contract", "closed"] } });
  if (open) throw new AppError("conflict", "This lead already has a deal. Open it from the lead page.", { lead_id: ["This lead already has a deal"] });

  const problems = timelineProblems({ contract_date: input.contract_date });
  if (Object.keys(problems).length) throw new AppError("bad_request", "Please correct the highlighted fields.", problems);

  let analysis: Record<string, unknown> | undefined;
  if (input.arv !== undefined) {
    const offerRule = await getOfferRule(ctx);
    const run = { arv: input.arv, repairs: input.repairs ?? 0, offerRule, assignmentFee: input.assignment_fee ?? 0, contractPrice: input.purchase_price };
    const r = analyzeDeal(run);
    analysis = { arv: run.arv, repairs: run.repairs, offer_rule: offerRule, assignment_fee: run.assignmentFee, mao: r.mao, offer_to_seller: r.offerToSeller, spread: r.spread ?? undefined, analyzed_at: new Date() };
  }
  const amounts = {
    purchase_price: input.purchase_price,
    ...(input.deal_type === "wholesale" && input.assignment_fee !== undefined ? { assignment_fee: input.assignment_fee } : {}),
  };
  const { profit, roi } = deriveFinancials(input.deal_type, amounts);
  const { street, city, state, zip_code, county } = (lead.address ?? {}) as Record<string, string | undefined>;
  const details = (lead.property_details ?? {}) as Record<string, unknown>;
  const deal = await scoped(ctx, Deal).create({
    lead_id: lead._id,
    assigned_to: ctx.userId && Types.ObjectId.isValid(ctx.userId) ? new Types.ObjectId(ctx.userId) : undefined,
    status: "pending",
    deal_type: input.deal_type,
    property_address: { street, city, state, zip_code, county },
    property_details: { type: details.type, bedrooms: details.bedrooms, bathrooms: details.bathrooms, square_feet: details.square_feet, lot_size: details.lot_size, year_built: details.year_built },
    financials: { ...amounts, profit: profit ?? undefined, roi: roi ?? undefined },
    timeline: { contract_date: input.contract_date },
    analysis,
  });
  await recordActivity(ctx, {
    type: DEAL_ACTIVITY.created,
    entityType: "deal",
    entityId: deal._id,
    description: `Deal opened from ${lead.name || "a lead"}`,
    metadata: { lead_id: lead._id, deal_type: input.deal_type, purchase_price: input.purchase_price ?? null, mao: analysis?.mao ?? null },
  });
  await syncLeadStatus(ctx, lead._id, "pending");
  return { id: String(deal._id) };
}
