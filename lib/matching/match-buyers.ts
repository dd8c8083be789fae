import "server-only";
// Ranked buyers for a deal or a lead: candidates read by area (find-candidates.ts), scored in
// TypeScript (score.ts), with the buyers' histories the worker shares (buyer-histories.ts) or,
// until it has, those of the buyers who fit, read for this request.
import { labelOfLocationKey } from "@/lib/buyers/locations";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { notFound } from "@/lib/core/errors";
import { getLeadRecordOrThrow } from "@/lib/leads/get-lead";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { readHistoriesOf, sharedHistories } from "./buyer-histories";
import { findCandidateBuyers } from "./find-candidates";
import { addressLine, propertyOfDeal, propertyOfLead, type DealForMatching } from "./property";
import { rankBuyers } from "./score";
import { EMPTY_HISTORY, type MatchOutcome, type MatchProperty } from "./types";

export interface BuyerMatches extends MatchOutcome {
  property: MatchProperty & { address: string; locationLabels: string[] };
  /** Whether the property says enough to match on: without a known place there is no candidate. */
  missing: ("location" | "price" | "type")[];
}

/** Matches any property: the one path both the deal and the lead take. */
export async function matchBuyersForProperty(ctx: TenantContext, property: MatchProperty, address: string, now = new Date()): Promise<BuyerMatches> {
  requirePermission(ctx, "buyers.read");
  const missing: BuyerMatches["missing"] = [];
  if (!property.locationKeys.length) missing.push("location");
  if (typeof property.price !== "number") missing.push("price");
  if (!property.propertyType) missing.push("type");
  const described = { ...property, address, locationLabels: property.locationKeys.map(labelOfLocationKey) };
  if (!property.locationKeys.length) return { property: described, missing, matches: [], misses: [] };

  const [candidates, shared] = await Promise.all([
    findCandidateBuyers(ctx, property),
    // Redis not answering: the histories are read below, as while no copy is built.
    sharedHistories(ctx.tenantId).catch((err: unknown) => (console.error("[matching] buyer histories unavailable", err), null)),
  ]);
  let histories = shared;
  if (!histories) {
    // A history never decides whether a buyer fits, only their points: the fits are found first,
    // then only their histories are read.
    const fits = rankBuyers(property, candidates, () => EMPTY_HISTORY, now).matches.map((m) => m.buyerId);
    histories = await readHistoriesOf(ctx, fits, now);
  }
  const outcome = rankBuyers(property, candidates, (id) => histories.get(id) ?? EMPTY_HISTORY, now, labelOfLocationKey);
  return { property: described, missing, ...outcome };
}

export async function matchBuyersForDeal(ctx: TenantContext, dealId: string, now = new Date()): Promise<BuyerMatches> {
  requirePermission(ctx, "deals.read");
  requirePermission(ctx, "buyers.read");
  const deal = await scoped(ctx, Deal)
    .findById(dealId, { lead_id: 1, property_address: 1, property_details: 1, financials: 1, analysis: 1 })
    .lean<DealForMatching & { lead_id?: unknown }>();
  if (!deal) throw notFound("Deal");
  let leadValue: number | null = null;
  if (!(deal.analysis?.arv && deal.analysis.arv > 0) && deal.lead_id) {
    const lead = await scoped(ctx, Lead).findById(String(deal.lead_id), { estimated_value: 1 }).lean<{ estimated_value?: number }>();
    leadValue = lead?.estimated_value ?? null;
  }
  return matchBuyersForProperty(ctx, propertyOfDeal(deal, leadValue), addressLine(deal.property_address), now);
}

export async function matchBuyersForLead(ctx: TenantContext, leadId: string, now = new Date()): Promise<BuyerMatches> {
  requirePermission(ctx, "buyers.read");
  const lead = await getLeadRecordOrThrow(ctx, leadId);
  return matchBuyersForProperty(ctx, propertyOfLead(lead), addressLine(lead.address), now);
}
