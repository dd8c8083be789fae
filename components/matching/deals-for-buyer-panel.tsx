import Link from "next/link";
import type { PropertyMatch } from "@/lib/matching/match-deals-for-buyer";
import { ReasonChips, ScoreBadge } from "./reason-chips";
import { ShowMoreList } from "./show-more-list";

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const STATUS: Record<string, string> = { pending: "Pending deal", under_contract: "Deal under contract" };

/** The reverse of matching, on the buyer page: open deals and leads under contract that fit them. */
export function DealsForBuyerPanel({ items, initial = 5 }: { items: PropertyMatch[]; initial?: number }) {
  return (
    <section aria-labelledby="deals-for-buyer-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="deals-for-buyer-heading" className="font-semibold">
        Deals that fit this buyer
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No open deal or lead under contract fits their box right now.</p>
      ) : (
        <div className="mt-1">
          <ShowMoreList initial={initial} noun="more" label="Deals and leads that fit, best first">
            {items.map((p) => (
              <article key={`${p.kind}:${p.id}`} aria-label={`${p.address}, score ${p.score}`} className="flex gap-3">
                <ScoreBadge score={p.score} />
                <div className="min-w-0 flex-1">
                  <p>
                    <Link href={p.kind === "deal" ? `/deals/${p.id}` : `/leads/${p.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
                      {p.address}
                    </Link>
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {p.kind === "deal" ? (STATUS[p.status] ?? "Deal") : "Lead under contract"}
                    {p.price !== null && ` · ${p.priceLabel} ${money(p.price)}`}
                  </p>
                  <ReasonChips reasons={p.reasons} label={`Why ${p.address} scores ${p.score}`} />
                </div>
              </article>
            ))}
          </ShowMoreList>
        </div>
      )}
    </section>
  );
}
