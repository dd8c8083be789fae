import type { ActionResult } from "@/lib/core/errors-response";
import type { LearnedBuyBox } from "@/lib/matching/learn-buy-box";
import type { PropertyMatch } from "@/lib/matching/match-deals-for-buyer";
import { DealsForBuyerPanel } from "./deals-for-buyer-panel";
import { LearnedBuyBoxCard } from "./learned-buy-box-card";

/**
 * The buyer page's matching: the open deals and leads under contract that fit them, and what
 * their closed deals say about their box. Streamed: awaits what the page started.
 */
export async function BuyerPageMatching({
  buyerId,
  deals,
  learned,
  canWrite,
  widen,
}: {
  buyerId: string;
  deals: Promise<PropertyMatch[]>;
  learned: Promise<LearnedBuyBox>;
  canWrite: boolean;
  widen: (input: { buyer_id: string }) => Promise<ActionResult<{ widened: boolean }>>;
}) {
  const [fits, box] = await Promise.allSettled([deals, learned]);
  for (const r of [fits, box]) if (r.status === "rejected") console.error("[matching] buyer page matching failed", r.reason);
  return (
    <div className="grid gap-4 lg:grid-cols-5">
      <div className="lg:col-span-3">
        {fits.status === "fulfilled" ? <DealsForBuyerPanel items={fits.value} /> : <Failed what="Deals that fit this buyer" />}
      </div>
      <div className="lg:col-span-2">
        {box.status === "fulfilled" ? <LearnedBuyBoxCard buyerId={buyerId} learned={box.value} canWrite={canWrite} widen={widen} /> : <Failed what="Learned buy box" />}
      </div>
    </div>
  );
}

function Failed({ what }: { what: string }) {
  return (
    <section aria-label={what} className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      {what} could not be loaded. Reload the page to try again.
    </section>
  );
}

export function BuyerPageMatchingPending() {
  return (
    <section aria-label="Deals that fit this buyer" aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
      Finding the deals that fit this buyer…
    </section>
  );
}
