import Link from "next/link";
import { notFound } from "next/navigation";
import { getDispositionDashboard, mayUseDispositionDashboard, type DealRow, type MonthBucket } from "@/lib/deals/dashboard/get-disposition-dashboard";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { DealsByStatusChart, FeesAndProfitChart } from "@/components/deals/dashboard/dashboard-charts";
import { StatusBadge } from "@/components/deals/format";
import { TimeZoneSync } from "@/components/leads/list/time-zone-sync";

export const metadata = { title: "Disposition dashboard" };

const fmt = new Intl.NumberFormat("en-US");

export default async function DispositionDashboardPage() {
  const { ctx } = await getRequestContext();
  if (!mayUseDispositionDashboard(ctx)) notFound();
  const timeZone = await requestTimeZone();
  const d = await getDispositionDashboard(ctx, { timeZone });
  const dateOf = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium", timeZone }) : "—");
  const cards = [
    { key: "closings-this-month", label: `Closings in ${d.closings.thisMonth.label}`, value: fmt.format(d.closings.thisMonth.count) },
    { key: "closings-next-month", label: `Closings in ${d.closings.nextMonth.label}`, value: fmt.format(d.closings.nextMonth.count) },
    {
      key: "days-to-close",
      label: "Average days from contract to close",
      value: d.daysToClose.average === null ? "—" : fmt.format(d.daysToClose.average),
      note: d.daysToClose.deals ? `over ${fmt.format(d.daysToClose.deals)} closed deal${d.daysToClose.deals === 1 ? "" : "s"}; median ${fmt.format(d.daysToClose.median ?? 0)}` : "no closed deal with both dates yet",
    },
    { key: "buyers-contacted", label: "Buyers contacted this week", value: fmt.format(d.buyersContactedThisWeek.count), note: `since Monday ${dateOf(d.buyersContactedThisWeek.since)}` },
    { key: "no-buyer", label: "Open deals with no buyer yet", value: fmt.format(d.noBuyer.count) },
  ];

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <TimeZoneSync serverTimeZone={timeZone} />
      <div>
        <p className="text-sm">
          <Link href="/deals" className="text-brand-700 hover:underline dark:text-brand-100">
            Deals
          </Link>
        </p>
        <h1 className="text-2xl font-bold">Disposition dashboard</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {fmt.format(d.totalDeals)} deal{d.totalDeals === 1 ? "" : "s"} in your company. Dates in {timeZone.replace(/_/g, " ")}.
        </p>
      </div>

      <section aria-labelledby="dispo-headline">
        <h2 id="dispo-headline" className="sr-only">
          Headline numbers
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
          {cards.map((c) => (
            <div key={c.key} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-sm text-slate-600 dark:text-slate-400">{c.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`dispo-${c.key}`}>
                {c.value}
              </dd>
              {c.note && <dd className="text-xs text-slate-600 dark:text-slate-400">{c.note}</dd>}
            </div>
          ))}
        </dl>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="dispo-status" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="dispo-status" className="font-semibold">
            Deals by status
          </h2>
          <DealsByStatusChart data={d.byStatus} />
        </section>
        <section aria-labelledby="dispo-money" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="dispo-money" className="font-semibold">
            Assignment fees and profit by month, {d.year}
          </h2>
          <FeesAndProfitChart data={d.monthly} year={d.year} />
        </section>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <ClosingList bucket={d.closings.thisMonth} title={`Closing in ${d.closings.thisMonth.label}`} dateOf={dateOf} />
        <ClosingList bucket={d.closings.nextMonth} title={`Closing in ${d.closings.nextMonth.label}`} dateOf={dateOf} />
      </div>

      <section aria-labelledby="dispo-no-buyer" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="dispo-no-buyer-list">
        <h2 id="dispo-no-buyer" className="font-semibold">
          Deals with no buyer yet
        </h2>
        {d.noBuyer.count === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Every open deal has a buyer.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {d.noBuyer.count > d.noBuyer.deals.length ? `The ${d.noBuyer.deals.length} longest waiting of ${fmt.format(d.noBuyer.count)}, ` : ""}oldest contract first: open each to see its matching buyers.
            </p>
            <DealRows rows={d.noBuyer.deals} dateLabel="Contract" dateOf={dateOf} />
          </>
        )}
      </section>
    </div>
  );
}

function ClosingList({ bucket, title, dateOf }: { bucket: MonthBucket; title: string; dateOf: (iso: string | null) => string }) {
  const id = `dispo-closing-${bucket.key}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={id} className="font-semibold">
        {title} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({fmt.format(bucket.count)})</span>
      </h2>
      {bucket.count === 0 ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No closings scheduled.</p> : <DealRows rows={bucket.deals} dateLabel="Closing" dateOf={dateOf} />}
    </section>
  );
}

function DealRows({ rows, dateLabel, dateOf }: { rows: DealRow[]; dateLabel: string; dateOf: (iso: string | null) => string }) {
  return (
    <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <span className="min-w-0">
            <Link href={`/deals/${r.id}`} className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-100">
              {r.address}
            </Link>
            <span className="text-xs text-slate-600 dark:text-slate-400">
              {dateLabel} {dateOf(r.date)}
              {r.hasBuyer ? "" : " · no buyer"}
            </span>
          </span>
          <StatusBadge status={r.status} />
        </li>
      ))}
    </ul>
  );
}
