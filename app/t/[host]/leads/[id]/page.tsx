import { notFound } from "next/navigation";
import { Suspense } from "react";
import { can } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { findDuplicateLeads } from "@/lib/leads/duplicates/find-duplicates";
import { isObjectIdString } from "@/lib/core/db/scoped";
import { findLead } from "@/lib/leads/get-lead";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { findUnfinishedMerges } from "@/lib/leads/merge/merge-leads";
import { findMergedInto } from "@/lib/leads/merge/merged-into";
import Link from "next/link";
import { readTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { listAssignees } from "@/lib/leads/write/list-assignees";
import { listTags } from "@/lib/tags/tag-catalogue";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { Types } from "mongoose";
import { TimeZoneSync } from "@/components/leads/list/time-zone-sync";
import { LeadRecord } from "@/components/leads/record/lead-record";
import { ConversationThread } from "@/components/communications/conversation-thread";
import { isFeatureEnabled } from "@/lib/settings/feature-keys";
import { LeadDealPanel } from "@/components/deals/lead-deal-panel";
import { findDealOfLead } from "@/lib/deals/get-deal";
import { getOfferRule } from "@/lib/deals/offer-rule";
import { BuyerMatchesPending, BuyerMatchesSection } from "@/components/matching/buyer-matches-panel";
import { matchBuyersForLead } from "@/lib/matching/match-buyers";

export const metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, tenant } = await getRequestContext();
  // The reads that need only the id start beside the lead's own read (one database round trip
  // before the page can render, not two). Each reads within this tenant, and all are dropped
  // unread when the lead is not found or not visible.
  const leadId = isObjectIdString(id) ? id.toLowerCase() : null;
  const rest = Promise.all([
    leadId ? readTimeline(ctx, new Types.ObjectId(leadId)) : null,
    listAssignees(ctx),
    listTags(ctx),
    getCustomFieldDefinitions(ctx),
    leadId ? findUnfinishedMerges(ctx, leadId) : [],
    requestTimeZone(),
    leadId ? findDealOfLead(ctx, leadId) : null,
    getOfferRule(ctx),
  ]);
  rest.catch(() => undefined);
  // Another tenant's id, a malformed id, or a lead this person may not see: the same not-found.
  const lead = await findLead(ctx, id);
  if (!lead) {
    // A lead merged into another: its old link says where it went instead of a generic not-found.
    const merged = await findMergedInto(ctx, id);
    if (!merged) notFound();
    return <MergedLeadNotice merged={merged} />;
  }
  // Streamed after the rest: on the embedded database this check reads every lead of the
  // collection (seconds at 100,000 leads; docs/benchmarks.md, "Lead page"). A failure only hides it.
  const duplicates = findDuplicateLeads(ctx, { phone: lead.phone, email: lead.email, phones: lead.phones, emails: lead.emails, address: lead.address }, { excludeId: lead.id, limit: 5 }).catch((err: unknown) => {
    console.error("[lead page] duplicate check failed", err);
    return [];
  });
  // Buyers for a lead under contract or any lead with a price, for those who may see buyers;
  // streamed after the rest of the page.
  const matches = can(ctx, "buyers.read") && (lead.status === "under_contract" || lead.asking_price !== null) ? matchBuyersForLead(ctx, lead.id) : null;
  // Awaited (and its failure shown) by the section; handled here so a failure before then is not "unhandled".
  matches?.catch(() => undefined);
  const [timelineRead, assignees, tags, customFields, unfinishedMerges, timeZone, deal, offerRule] = await rest;
  const timeline = timelineRead!;
  return (
    <>
      <TimeZoneSync serverTimeZone={timeZone} />
      <LeadRecord
        lead={lead}
        timeline={timeline}
        assignees={assignees}
        tags={tags.map((t) => ({ name: t.name, color: t.color }))}
        customFields={customFields}
        duplicates={duplicates}
        unfinishedMerges={unfinishedMerges.filter((m) => m.keptId === lead.id)}
        can={{ write: can(ctx, "leads.write"), assign: can(ctx, "leads.assign"), delete: can(ctx, "leads.delete"), manageFields: can(ctx, "settings.manage") }}
        timeZone={timeZone}
      />
      <div className="mx-auto mt-4 max-w-6xl">
        <LeadDealPanel leadId={lead.id} estimatedValue={lead.estimated_value} askingPrice={lead.asking_price} offerRule={offerRule} deal={deal} canCreate={can(ctx, "deals.write")} />
      </div>
      {matches && (
        <div className="mx-auto mt-4 max-w-6xl">
          <Suspense fallback={<BuyerMatchesPending />}>
            <BuyerMatchesSection matches={matches} />
          </Suspense>
        </div>
      )}
      {can(ctx, "communications.read") && isFeatureEnabled(tenant, "sms_enabled") && (
        <div className="mx-auto mt-4 max-w-6xl rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" id="conversation">
          <ConversationThread kind="lead" id={lead.id} companyName={tenant.name} canSend={can(ctx, "communications.write")} markRead heading="Texts and calls" />
        </div>
      )}
    </>
  );
}

function MergedLeadNotice({ merged }: { merged: NonNullable<Awaited<ReturnType<typeof findMergedInto>>> }) {
  return (
    <div className="mx-auto max-w-2xl rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-xl font-semibold">This lead was merged</h1>
      {merged.visible ? (
        <p className="mt-2">
          {merged.mergedName ? `“${merged.mergedName}” was` : "It was"} merged into{" "}
          <Link href={`/leads/${merged.id}`} className="font-semibold text-brand-700 underline dark:text-brand-100">
            {merged.name}
          </Link>
          : its texts, calls, notes and history are there now.
        </p>
      ) : (
        <p className="mt-2">It was merged into another lead, which is assigned to someone else.</p>
      )}
      <p className="mt-4">
        <Link href="/leads" className="underline">
          Back to leads
        </Link>
      </p>
    </div>
  );
}
