import Link from "next/link";
import type { ReactNode } from "react";
import type { BuyerMatches } from "@/lib/matching/match-buyers";
import type { BuyerMatch, HardMiss } from "@/lib/matching/types";
import { ReasonChips, ScoreBadge } from "./reason-chips";
import { ShowMoreList } from "./show-more-list";

export type BuyerMatchAction = (match: BuyerMatch) => ReactNode;

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

const MISSING_TEXT: Record<BuyerMatches["missing"][number], string> = {
  location: "a city and state or a ZIP code",
  price: "a price",
  type: "a property type",
};

/**
 * Ranked buyers for one property: score, reason chips with their points, the top `initial` with
 * "show more", and the hard misses apart in a disclosure with why. `renderAction` adds a control
 * per buyer (the deal page's "Assign"); it may return a server or a client component.
 */
export function BuyerMatchesPanel({
  result,
  renderAction,
  initial = 10,
  heading = "Matching buyers",
  buyerHref = (id) => `/buyers/${id}`,
}: {
  result: BuyerMatches;
  renderAction?: BuyerMatchAction;
  initial?: number;
  heading?: string;
  buyerHref?: (buyerId: string) => string;
}) {
  const { property, matches, misses, missing } = result;
  return (
    <section aria-labelledby="buyer-matches-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="buyer-matches-heading" className="font-semibold">
          {heading}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {matches.length === 1 ? "1 buyer fits" : `${matches.length} buyers fit`}
          {misses.length > 0 && `, ${misses.length} not a fit`}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {[property.locationLabels.join(" · "), property.propertyType?.replaceAll("_", " "), typeof property.price === "number" ? `${property.priceLabel} ${money(property.price)}` : null, typeof property.arv === "number" ? `ARV ${money(property.arv)}` : null]
          .filter(Boolean)
          .join(" — ")}
      </p>
      {missing.length > 0 && (
        <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {missing.includes("location") ? "No buyer can be matched until the property has " : "Matches would be sharper with "}
          {missing.map((m) => MISSING_TEXT[m]).join(", ")}.
        </p>
      )}
      {matches.length === 0 ? (
        !missing.includes("location") && <p className="mt-3 text-sm">No active buyer&apos;s box fits this property yet.</p>
      ) : (
        <div className="mt-2">
          <ShowMoreList initial={initial} noun="more buyers" label={`${heading}, best first`}>
            {matches.map((m) => (
              <MatchRow key={m.buyerId} match={m} href={buyerHref(m.buyerId)} action={renderAction?.(m)} />
            ))}
          </ShowMoreList>
        </div>
      )}
      {misses.length > 0 && <HardMisses misses={misses} buyerHref={buyerHref} />}
    </section>
  );
}

function MatchRow({ match, href, action }: { match: BuyerMatch; href: string; action?: ReactNode }) {
  return (
    <article aria-label={`${match.name}, score ${match.score}`} className="flex gap-3">
      <ScoreBadge score={match.score} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="min-w-0">
            <Link href={href} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
              {match.name}
            </Link>
            {match.company && <span className="text-sm text-slate-600 dark:text-slate-400"> · {match.company}</span>}
          </p>
          {action && <div className="shrink-0">{action}</div>}
        </div>
        <ReasonChips reasons={match.reasons} label={`Why ${match.name} scores ${match.score}`} />
      </div>
    </article>
  );
}

function HardMisses({ misses, buyerHref }: { misses: HardMiss[]; buyerHref: (id: string) => string }) {
  return (
    <details className="mt-4 rounded-md border border-slate-200 dark:border-slate-800">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
        Not a fit: {misses.length === 1 ? "1 buyer" : `${misses.length} buyers`} of this area, and why
      </summary>
      <ul aria-label="Buyers who are not a fit" className="divide-y divide-slate-200 px-3 dark:divide-slate-800">
        {misses.map((m) => (
          <li key={m.buyerId} className="py-2 text-sm">
            <Link href={buyerHref(m.buyerId)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
              {m.name}
            </Link>
            {m.company && <span className="text-slate-600 dark:text-slate-400"> · {m.company}</span>}
            <ul aria-label={`Why ${m.name} is not a fit`} className="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-300">
              {m.misses.map((x) => (
                <li key={x.code}>{x.label}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** While the matches load (the panel is streamed after the rest of the page). */
export function BuyerMatchesPending({ heading = "Matching buyers" }: { heading?: string }) {
  return (
    <section aria-label={heading} aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
      Finding buyers whose box fits…
    </section>
  );
}

/**
 * The panel for a page that streams it: awaits the matches (started by the page, not awaited
 * there) and says so plainly when matching failed rather than breaking the page.
 */
export async function BuyerMatchesSection({ matches, ...rest }: { matches: Promise<BuyerMatches> } & Omit<Parameters<typeof BuyerMatchesPanel>[0], "result">) {
  let result: BuyerMatches;
  try {
    result = await matches;
  } catch (err) {
    console.error("[matching] buyer matches failed", err);
    return (
      <section aria-label={rest.heading ?? "Matching buyers"} className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        Matching buyers could not be loaded. Reload the page to try again.
      </section>
    );
  }
  return <BuyerMatchesPanel result={result} {...rest} />;
}
