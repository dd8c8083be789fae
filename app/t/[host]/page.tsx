import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { landingRedirect } from "@/lib/preferences/profile";
import { getRequestContext } from "@/lib/tenancy/request-context";

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
  const summary = await getDashboardSummary(ctx);
  const cards = [
    { label: "Leads", value: summary.leads, href: "/leads" },
    { label: "Follow-ups due", value: summary.followUpsDue, href: "/leads" },
    { label: "Active buyers", value: summary.activeBuyers, href: "/buyers" },
    { label: "Open deals", value: summary.openDeals, href: "/deals" },
  ];
  const fmt = new Intl.NumberFormat("en-US");

  return (
    <div className="mx-auto max-w-6xl space-y-8">
      <h1 className="text-2xl font-bold">Dashboard</h1>
      <section aria-labelledby="headline">
        <h2 id="headline" className="sr-only">Headline numbers</h2>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
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
    </div>
  );
}
