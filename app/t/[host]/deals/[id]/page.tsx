import { notFound } from "next/navigation";
import { Types } from "mongoose";
import { can } from "@/lib/core/permissions";
import { findDeal } from "@/lib/deals/get-deal";
import { readDealTimeline } from "@/lib/deals/get-deal-timeline";
import { getOfferRule } from "@/lib/deals/offer-rule";
import { getBuyerOption } from "@/lib/deals/search-buyer-options";
import { findLead } from "@/lib/leads/get-lead";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { DealRecord } from "@/components/deals/deal-record";
import { DealDocuments } from "@/components/deals/deal-documents";
import { listDealDocuments } from "@/lib/deals/documents/deal-documents";
import { maxFileBytes } from "@/lib/storage/config";
import { Suspense } from "react";
import { AssignMatchButton } from "@/components/deals/assign-match-button";
import { BuyerMatchesPending, BuyerMatchesSection } from "@/components/matching/buyer-matches-panel";
import { matchBuyersForDeal } from "@/lib/matching/match-buyers";

export const metadata = { title: "Deal" };

export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await getRequestContext();
  if (!can(ctx, "deals.read")) notFound();
  // Another tenant's id, a malformed id, or a deal of a lead this person may not see: the same not-found.
  const deal = await findDeal(ctx, id);
  if (!deal) notFound();
  const open = deal.status === "pending" || deal.status === "under_contract";
  // Ranked buyers for an open deal, for those who may see buyers; streamed after the rest of the page.
  const matches = open && can(ctx, "buyers.read") ? matchBuyersForDeal(ctx, deal.id) : null;
  matches?.catch(() => undefined);
  const canWrite = can(ctx, "deals.write");
  const [lead, buyer, timeline, offerRule, timeZone, documents] = await Promise.all([
    deal.lead_id ? findLead(ctx, deal.lead_id) : null,
    can(ctx, "buyers.read") || can(ctx, "deals.write") ? getBuyerOption(ctx, deal.buyer_id) : null,
    readDealTimeline(ctx, new Types.ObjectId(deal.id)),
    getOfferRule(ctx),
    requestTimeZone(),
    listDealDocuments(ctx, deal.id),
  ]);
  return (
    <DealRecord deal={deal} lead={lead ? { id: lead.id, name: lead.name } : null} buyer={buyer} timeline={timeline} offerRule={offerRule} can={{ write: can(ctx, "deals.write"), delete: can(ctx, "deals.delete") }} timeZone={timeZone}>
      {matches && (
        <Suspense fallback={<BuyerMatchesPending />}>
          <BuyerMatchesSection
            matches={matches}
            renderAction={canWrite ? (m) => <AssignMatchButton dealId={deal.id} buyerId={m.buyerId} name={m.name} assigned={m.buyerId === deal.buyer_id} /> : undefined}
          />
        </Suspense>
      )}
      <DealDocuments dealId={deal.id} documents={documents} canWrite={can(ctx, "deals.write")} maxBytes={maxFileBytes()} />
    </DealRecord>
  );
}
