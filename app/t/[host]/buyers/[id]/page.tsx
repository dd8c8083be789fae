import { notFound } from "next/navigation";
import { Suspense } from "react";
import { can } from "@/lib/core/permissions";
import { getBuyerPage } from "@/lib/buyers/buyer-record";
import { AppError } from "@/lib/core/errors";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { BuyerRecordView } from "@/components/buyers/buyer-record-view";
import { ConversationThread } from "@/components/communications/conversation-thread";
import { isFeatureEnabled } from "@/lib/settings/feature-keys";
import { BuyerPageMatching, BuyerPageMatchingPending } from "@/components/matching/buyer-page-matching";
import { learnedBuyBox } from "@/lib/matching/learn-buy-box";
import { matchDealsForBuyer } from "@/lib/matching/match-deals-for-buyer";
import { widenBuyBoxAction } from "../../matching/actions";

export const metadata = { title: "Buyer" };

export default async function BuyerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, tenant } = await getRequestContext();
  // Without the permission the section does not exist for this member (as the deal dashboard).
  if (!can(ctx, "buyers.read")) notFound();
  // Another company's buyer, a deleted one and a malformed id are all simply not found.
  const data = await getBuyerPage(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  // The deals that fit and the learned buy box, for those who see deals; streamed after the rest.
  const matching = can(ctx, "deals.read") ? { deals: matchDealsForBuyer(ctx, id), learned: learnedBuyBox(ctx, id) } : null;
  matching?.deals.catch(() => undefined);
  matching?.learned.catch(() => undefined);
  const timeZone = await requestTimeZone();
  return (
    <>
      <BuyerRecordView
        {...data}
        timeZone={timeZone}
        canWrite={can(ctx, "buyers.write")}
        canDelete={can(ctx, "buyers.delete")}
        matching={
          matching && (
            <Suspense fallback={<BuyerPageMatchingPending />}>
              <BuyerPageMatching buyerId={id} deals={matching.deals} learned={matching.learned} canWrite={can(ctx, "buyers.write")} widen={widenBuyBoxAction} />
            </Suspense>
          )
        }
      />
      {can(ctx, "communications.read") && isFeatureEnabled(tenant, "sms_enabled") && (
        <div className="mx-auto mt-8 max-w-5xl rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" id="conversation">
          <ConversationThread kind="buyer" id={id} companyName={tenant.name} canSend={can(ctx, "communications.write")} markRead heading="Texts and calls" />
        </div>
      )}
    </>
  );
}
