import { notFound } from "next/navigation";
import { Types } from "mongoose";
import { can } from "@/lib/auth/permissions";
import { findDeal } from "@/lib/deals/get-deal";
import { readDealTimeline } from "@/lib/deals/get-deal-timeline";
import { getOfferRule } from "@/lib/deals/offer-rule";
import { getBuyerOption } from "@/lib/deals/search-buyer-options";
import { findLead } from "@/lib/leads/get-lead";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getRequestContext } from "@/lib/tenancy/request-context";
import { DealRecord } from "@/components/deals/deal-record";

export const metadata = { title: "Deal" };

export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await getRequestContext();
  if (!can(ctx, "deals.read")) notFound();
  // Another tenant's id, a malformed id, or a deal of a lead this person may not see: the same not-found.
  const deal = await findDeal(ctx, id);
  if (!deal) notFound();
  const [lead, buyer, timeline, offerRule, timeZone] = await Promise.all([
    deal.lead_id ? findLead(ctx, deal.lead_id) : null,
    can(ctx, "buyers.read") || can(ctx, "deals.write") ? getBuyerOption(ctx, deal.buyer_id) : null,
    readDealTimeline(ctx, new Types.ObjectId(deal.id)),
    getOfferRule(ctx),
    requestTimeZone(),
  ]);
  return (
    <DealRecord deal={deal} lead={lead ? { id: lead.id, name: lead.name } : null} buyer={buyer} timeline={timeline} offerRule={offerRule} can={{ write: can(ctx, "deals.write") }} timeZone={timeZone} />
  );
}
