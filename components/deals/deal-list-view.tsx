"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { dealQueryToParams, dealQueryToSearch, DEAL_SORTS, DEAL_SORT_LABELS, type DealListQuery, type DealQueryProblem } from "@/lib/deals/list/deal-list-query";
import type { DealRow } from "@/lib/deals/list/list-deals";
import { DEAL_STATUSES, DEAL_TYPES } from "@/models/deal-enums";
import { buttonClass, Button } from "@/components/ui/button";
import { ToastProvider } from "@/components/ui/toast";
import type { ListView } from "@/components/leads/list/types";
import { ViewsBar } from "@/components/leads/list/views-bar";
import { QueryProblems } from "@/components/lists/query-problems";
import { day, DEAL_STATUS_LABELS, DEAL_TYPE_LABELS, money, percent, StatusBadge } from "./format";

export const DEALS_PATH = "/deals";

type Props = { rows: DealRow[]; total: number; nextCursor?: string; query: DealListQuery; problems: DealQueryProblem[]; views: ListView[]; activeView?: ListView; canSeeBuyers: boolean };

/** The deal list: saved views, filters (status, type, buyer, address), sort, keyset pages. */
export function DealListView(props: Props) {
  return (
    <ToastProvider>
      <List {...props} />
    </ToastProvider>
  );
}

function List({ rows, total, nextCursor, query, problems, views, activeView, canSeeBuyers }: Props) {
  const id = useId();
  const router = useRouter();
  const filtered = query.status.length > 0 || query.type.length > 0 || !!query.buyer || !!query.q;
  const current = dealQueryToParams({ ...query, after: undefined }).toString();

  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const next: DealListQuery = {
      status: data.getAll("status") as DealListQuery["status"],
      type: data.getAll("type") as DealListQuery["type"],
      buyer: (data.get("buyer") || undefined) as DealListQuery["buyer"],
      q: String(data.get("q") ?? "").trim() || undefined,
      sort: (data.get("sort") as DealListQuery["sort"]) ?? "created_at",
      dir: (data.get("dir") as DealListQuery["dir"]) ?? "desc",
    };
    router.push(`${DEALS_PATH}${dealQueryToSearch(next)}`);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Deals</h1>
        <Link href={`/deals/board${dealQueryToSearch({ type: query.type, buyer: query.buyer, q: query.q })}`} className={buttonClass("secondary")}>
          Board view
        </Link>
      </div>
      <ViewsBar views={views} activeView={activeView} filtered={filtered} onChanged={() => router.refresh()} list={{ path: DEALS_PATH, scope: "deals", current }} />
      <form
        key={current}
        aria-label="Filter deals"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-2 xl:grid-cols-4 dark:border-slate-800 dark:bg-slate-900"
        onSubmit={(e) => {
          e.preventDefault();
          apply(e.currentTarget);
        }}
      >
        <fieldset>
          <legend className="text-sm font-medium">Status</legend>
          <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {DEAL_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="status" value={s} defaultChecked={query.status.includes(s)} />
                {DEAL_STATUS_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium">Type</legend>
          <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {DEAL_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="type" value={t} defaultChecked={query.type.includes(t)} />
                {DEAL_TYPE_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor={`${id}-buyer`} className="block text-sm font-medium">
              Buyer
            </label>
            <select id={`${id}-buyer`} name="buyer" defaultValue={query.buyer ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
              <option value="">Any</option>
              <option value="yes">Assigned</option>
              <option value="no">None yet</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-q`} className="block text-sm font-medium">
              Address
            </label>
            <input id={`${id}-q`} name="q" type="search" defaultValue={query.q ?? ""} placeholder="Street, city or ZIP" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900" />
          </div>
        </div>
        <div className="grid grid-cols-2 items-end gap-2">
          <div>
            <label htmlFor={`${id}-sort`} className="block text-sm font-medium">
              Sort by
            </label>
            <select id={`${id}-sort`} name="sort" defaultValue={query.sort} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
              {DEAL_SORTS.map((s) => (
                <option key={s} value={s}>
                  {DEAL_SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-dir`} className="block text-sm font-medium">
              Order
            </label>
            <select id={`${id}-dir`} name="dir" defaultValue={query.dir} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
              <option value="desc">Highest / newest first</option>
              <option value="asc">Lowest / oldest first</option>
            </select>
          </div>
          <Button type="submit" size="sm" variant="primary" className="col-span-2">
            Apply filters
          </Button>
        </div>
      </form>
      <QueryProblems problems={problems} />
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="deal-total">
        {total.toLocaleString("en-US")} {total === 1 ? "deal" : "deals"}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Deals</caption>
          <thead className="bg-slate-50 text-left dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Property</th>
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
              <th scope="col" className="px-3 py-2 font-medium">Type</th>
              {canSeeBuyers && <th scope="col" className="px-3 py-2 font-medium">Buyer</th>}
              <th scope="col" className="px-3 py-2 text-right font-medium">Purchase</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Profit</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">ROI</th>
              <th scope="col" className="px-3 py-2 font-medium">Closing</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  No deals match.
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="px-3 py-2">
                  <Link href={`/deals/${r.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {r.address}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge status={r.status} />
                </td>
                <td className="px-3 py-2">{DEAL_TYPE_LABELS[r.dealType]}</td>
                {canSeeBuyers && <td className="px-3 py-2">{r.buyerName ?? "—"}</td>}
                <td className="px-3 py-2 text-right tabular-nums">{money(r.purchasePrice)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{money(r.profit)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{percent(r.roi)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{day(r.closingDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-2">
        {query.after && (
          <Link href={`${DEALS_PATH}${dealQueryToSearch({ ...query, after: undefined })}`} className={buttonClass("secondary", "sm")}>
            First page
          </Link>
        )}
        {nextCursor && (
          <Link href={`${DEALS_PATH}${dealQueryToSearch({ ...query, after: nextCursor })}`} className={buttonClass("secondary", "sm")}>
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
