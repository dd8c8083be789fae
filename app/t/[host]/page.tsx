import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { FOLLOW_UPS_DUE_HREF, getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { getMyFollowUps, type FollowUpList } from "@/lib/dashboard/get-my-follow-ups";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { formatDate, formatPhone } from "@/components/leads/list/format";
import { TimeZoneSync } from "@/components/leads/list/time-zone-sync";
import { comingSoonFor } from "@/components/shell/nav-items";
import { can, PERMISSIONS } from "@/lib/core/permissions";
import { landingRedirect } from "@/lib/preferences/profile";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { mayUseDispositionDashboard } from "@/lib/deals/dashboard/get-disposition-dashboard";

export const metadata = { title: "Dashboard" };

const STATUS_LABELS: Record<string, string> = {
  new: "New",
  contacted: "Contacted",
  under_contract: "Under contract",
  closed: "Closed",
  lost: "Lost",
};

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const { ctx } = await getRequestContext();
  const landing = await landingRedirect(ctx, { secFetchSite: (await headers()).get("sec-fetch-site"), view: (await searchParams).view });
  if (landing) redirect(landing);
  const timeZone = await requestTimeZone();
  const [summary, followUps] = await Promise.all([getDashboardSummary(ctx, { timeZone }), getMyFollowUps(ctx, { timeZone })]);
  // Only numbers of sections that work: buyers and deals are not built, so no counts lead there.
  const cards = [
    { label: "Leads", value: summary.leads, href: "/leads" },
    { label: "Follow-ups due", value: summary.followUpsDue, href: FOLLOW_UPS_DUE_HREF },
  ];
  const comingSoon = comingSoonFor(PERMISSIONS.filter((p) => can(ctx, p)));
  const fmt = new Intl.NumberFormat("en-US");

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <TimeZoneSync serverTimeZone={timeZone} />
      <h1 className="text-2xl font-bold">Dashboard</h1>
      <section aria-labelledby="headline">
        <h2 id="headline" className="sr-only">Headline numbers</h2>
        <dl className="grid grid-cols-2 gap-4">
          {cards.map((card) => (
            <div key={card.label} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-sm text-slate-600 dark:text-slate-400">{card.label}</dt>
              <dd className="mt-1 text-3xl font-semibold" data-testid={`count-${card.label.toLowerCase().replace(/\W+/g, "-")}`}>
                <Link href={card.href} className="hover:underline">
                  {fmt.format(card.value)}
                </Link>
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {mayUseDispositionDashboard(ctx) && (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
          <Link href="/deals/dashboard" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
            Disposition dashboard
          </Link>
          : deals by status, closings this month and next, fees and profit by month, buyers contacted this week.
        </p>
      )}
      <section aria-labelledby="follow-ups" className="space-y-3">
        <h2 id="follow-ups" className="text-lg font-semibold">Your follow-ups</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <FollowUpCard title="Overdue" tone="overdue" list={followUps.overdue} href="/leads?assigned=me&follow_up=overdue&sort=next_follow_up&dir=asc" timeZone={timeZone} empty="Nothing overdue. Nicely done." />
          <FollowUpCard title="Due today" tone="today" list={followUps.today} href="/leads?assigned=me&follow_up=today&sort=next_follow_up&dir=asc" timeZone={timeZone} empty="No follow-ups due today." />
        </div>
      </section>
      <section aria-labelledby="pipeline" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="pipeline" className="mb-4 text-lg font-semibold">Lead pipeline</h2>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
          {Object.entries(summary.leadsByStatus).map(([status, n]) => (
            <div key={status}>
              <dt className="text-sm text-slate-600 dark:text-slate-400">{STATUS_LABELS[status]}</dt>
              <dd className="text-xl font-semibold" data-testid={`status-${status}`}>{fmt.format(n)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {comingSoon.length > 0 && (
        <section aria-labelledby="coming-soon" className="rounded-lg border border-dashed border-slate-300 p-4 dark:border-slate-700" data-testid="coming-soon">
          <h2 id="coming-soon" className="font-semibold">
            Not available yet
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">These parts of DealCycle are still being built; they will appear in the menu when they are ready.</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
            {comingSoon.map((item) => (
              <li key={item.href}>
                <span className="font-medium">{item.label}</span>: {item.comingSoon}.
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function FollowUpCard({ title, tone, list, href, timeZone, empty }: { title: string; tone: "overdue" | "today"; list: FollowUpList; href: string; timeZone: string; empty: string }) {
  const id = `follow-ups-${tone}`;
  const fmt = new Intl.NumberFormat("en-US");
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={id}>
      <div className="mb-2 flex items-center justify-between">
        <h3 id={id} className="font-semibold">
          {title}{" "}
          <span className={`ml-1 rounded-full px-2 py-0.5 text-xs font-semibold ${tone === "overdue" ? "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100" : "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100"}`}>
            {fmt.format(list.total)}
          </span>
        </h3>
        {list.total > 0 && (
          <Link href={href} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
            See all<span className="sr-only"> {title.toLowerCase()} follow-ups</span>
          </Link>
        )}
      </div>
      {list.leads.length === 0 ? (
        <p className="py-3 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {list.leads.map((lead) => (
            <li key={lead.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span className="min-w-0">
                <Link href={`/leads/${lead.id}`} className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {lead.name}
                </Link>
                <span className="tabular-nums text-slate-600 dark:text-slate-400">{formatPhone(lead.phone)}</span>
              </span>
              <span className={`shrink-0 text-right ${tone === "overdue" ? "text-red-800 dark:text-red-300" : "text-amber-800 dark:text-amber-300"}`}>
                {formatDate(lead.next_follow_up, timeZone, true)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
