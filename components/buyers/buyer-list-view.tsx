"use client";

import Link from "next/link";
import { useId, useRef, useState } from "react";
import { bulkBuyerChangeAction, deleteBuyersAction, restoreBuyersAction } from "@/app/t/[host]/buyers/actions";
import type { BulkBuyerChange } from "@/lib/buyers/bulk";
import type { BuyerRow } from "@/lib/buyers/list/buyer-row";
import {
  BUYER_COLUMN_IDS,
  BUYER_DEFAULT_DIRECTION,
  BUYER_PAGE_SIZES,
  buyerFilterCount,
  buyerFilterPart,
  buyerHasFilters,
  buyerQueryToParams,
  buyerQueryToSearch,
  emptyBuyerQuery,
  type BuyerColumnId,
  type BuyerListQuery,
  type BuyerQueryProblem,
  type BuyerSortKey,
} from "@/lib/buyers/list/list-query";
import { CREDIT_LABELS, EXPERIENCE_LABELS, FUNDING_LABELS, label, PROPERTY_TYPE_LABELS } from "@/lib/buyers/labels";
import { SearchBox } from "@/components/leads/list/search-box";
import type { ListView } from "@/components/leads/list/types";
import { ViewsBar } from "@/components/leads/list/views-bar";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { QueryProblems } from "@/components/lists/query-problems";
import { SelectAllMatching } from "@/components/lists/select-all-matching";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { BuyerFilters } from "./buyer-filters";
import { count, formatPhone, locationLabel, priceRange, shortDate } from "./format";
import { BUYERS_PATH, useBuyerNavigation, withFilter } from "./use-buyer-navigation";
import { sendChecked } from "@/lib/core/actions/payload-size";


type Props = {
  data: { rows: BuyerRow[]; total: number; nextCursor?: string; prevCursor?: string; problems: BuyerQueryProblem[] };
  query: BuyerListQuery;
  columns: BuyerColumnId[];
  tags: string[];
  views: ListView[];
  activeView?: ListView;
  can: { write: boolean; delete: boolean };
};

const COLUMN_LABELS: Record<BuyerColumnId, string> = {
  company: "Company",
  phone: "Phone",
  email: "E-mail",
  types: "Property types",
  price: "Price range",
  locations: "Locations",
  funding: "Funding",
  experience: "Experience",
  credit: "Credit",
  pof: "Proof of funds",
  status: "Status",
  tags: "Tags",
  deals: "Deals closed",
  last_contacted: "Last contacted",
  created: "Added",
};
const SORTABLE: Partial<Record<BuyerColumnId | "name", BuyerSortKey>> = { price: "price_min", deals: "deals", last_contacted: "last_contacted", created: "created" };

function cell(row: BuyerRow, col: BuyerColumnId): React.ReactNode {
  switch (col) {
    case "company":
      return row.company;
    case "phone":
      return row.phone ? formatPhone(row.phone) : "";
    case "email":
      return row.email;
    case "types":
      return row.types.map((t) => label(PROPERTY_TYPE_LABELS, t)).join(", ");
    case "price":
      return priceRange(row.priceMin, row.priceMax);
    case "locations":
      return row.locations.slice(0, 3).map(locationLabel).join("; ") + (row.locations.length > 3 ? ` +${row.locations.length - 3}` : "");
    case "funding":
      return label(FUNDING_LABELS, row.funding);
    case "experience":
      return label(EXPERIENCE_LABELS, row.experience);
    case "credit":
      return label(CREDIT_LABELS, row.credit);
    case "pof":
      return row.pof === "none" ? "None" : row.pof === "valid" ? `Valid to ${shortDate(row.pofExpires)}` : `Expired ${shortDate(row.pofExpires)}`;
    case "status":
      return [row.active ? "Active" : "Inactive", row.verified ? "Verified" : ""].filter(Boolean).join(" · ");
    case "tags":
      return row.tags.join(", ");
    case "deals":
      return count.format(row.deals);
    case "last_contacted":
      return row.lastContacted ? shortDate(row.lastContacted) : "Never";
    case "created":
      return shortDate(row.created);
  }
}

export function BuyerListView(props: Props) {
  return (
    <ToastProvider>
      <BuyerList {...props} />
    </ToastProvider>
  );
}

function BuyerList({ data, query: serverQuery, columns, tags, views, activeView, can }: Props) {
  const { query, navigate, refresh, isPending } = useBuyerNavigation(serverQuery);
  const search = useRef<HTMLInputElement>(null);
  const [showFilters, setShowFilters] = useState(false);
  const [showColumns, setShowColumns] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const stateKey = buyerQueryToSearch(serverQuery);
  const [selectionKey, setSelectionKey] = useState(stateKey);
  if (selectionKey !== stateKey) {
    setSelectionKey(stateKey);
    setSelected(new Set());
    setAllMatching(false);
  }
  const change = (c: Partial<BuyerListQuery>) => navigate(withFilter(query, c));
  const clear = () => navigate({ ...emptyBuyerQuery(), sort: query.sort, dir: query.dir, size: query.size, cols: query.cols });
  const selectable = can.write || can.delete;
  const pageAll = data.rows.length > 0 && data.rows.every((r) => selected.has(r.id));
  const nFilters = buyerFilterCount(query);

  const sortBy = (key: BuyerSortKey) => {
    const dir = query.sort === key ? (query.dir === "asc" ? "desc" : "asc") : BUYER_DEFAULT_DIRECTION[key];
    navigate({ ...query, sort: key, dir, after: undefined, before: undefined }, { keepView: true });
  };
  const ariaSort = (key: BuyerSortKey | undefined) => (key && query.sort === key ? (query.dir === "asc" ? "ascending" : "descending") : undefined);
  const pageHref = (c: { after?: string; before?: string }) => `${BUYERS_PATH}${buyerQueryToSearch({ ...query, after: undefined, before: undefined, ...c }, [])}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {activeView ? activeView.name : "Buyers"}
          <span className="ml-2 align-middle text-base font-normal text-slate-600 dark:text-slate-400" data-testid="buyer-total">
            {count.format(data.total)}
          </span>
        </h1>
        {can.write && (
          <div className="flex flex-wrap gap-2">
            <Link href="/buyers/import" className={buttonClass("secondary", "md")}>
              Import
            </Link>
            <Link href="/buyers/new" className={buttonClass("primary", "md")}>
              Add buyer
            </Link>
          </div>
        )}
      </div>

      <ViewsBar
        views={views}
        activeView={activeView}
        filtered={buyerHasFilters(query)}
        onChanged={refresh}
        list={{ path: BUYERS_PATH, scope: "buyers", current: buyerQueryToParams({ ...buyerFilterPart(query), cols: query.cols }).toString() }}
      />

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchBox ref={search} label="Search buyers by name, company, phone or e-mail" value={query.q ?? ""} busy={isPending} onSearch={(q) => navigate(withFilter(query, { q: q || undefined }), { replace: true })} />
        <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
          <Button size="sm" aria-expanded={showFilters} aria-controls="buyer-filters" onClick={() => setShowFilters((v) => !v)}>
            Filters{nFilters ? ` (${nFilters})` : ""}
          </Button>
          <Button size="sm" aria-expanded={showColumns} onClick={() => setShowColumns((v) => !v)}>
            Columns
          </Button>
          {nFilters > 0 && (
            <Button size="sm" variant="ghost" onClick={clear}>
              Clear filters
            </Button>
          )}
          <a href={`/api/v1/buyers/export?${buyerQueryToParams(buyerFilterPart(query)).toString()}`} download className={buttonClass("ghost", "sm")}>
            Export all
          </a>
        </div>
      </div>

      {showColumns && (
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
          <legend className="px-1 font-semibold">Columns</legend>
          {BUYER_COLUMN_IDS.map((c) => (
            <label key={c} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={columns.includes(c)}
                onChange={(e) => navigate({ ...query, cols: e.target.checked ? BUYER_COLUMN_IDS.filter((x) => x === c || columns.includes(x)) : columns.filter((x) => x !== c) }, { replace: true, keepView: true })}
              />
              {COLUMN_LABELS[c]}
            </label>
          ))}
        </fieldset>
      )}

      {showFilters && <BuyerFilters query={query} tags={tags} onChange={change} />}

      <QueryProblems problems={data.problems} />

      {selectable && (selected.size > 0 || allMatching) && (
        <>
          <SelectAllMatching
            noun={["buyer", "buyers"]}
            total={data.total}
            shown={data.rows.length}
            selected={selected.size}
            pageAllSelected={pageAll}
            allMatching={allMatching}
            onSelectAll={() => setAllMatching(true)}
            onSelectPage={() => {
              setAllMatching(false);
              setSelected(new Set(data.rows.map((r) => r.id)));
            }}
          />
          <BulkBar
            query={serverQuery}
            selectedIds={[...selected]}
            allMatching={allMatching}
            total={data.total}
            can={can}
            onDone={() => {
              setSelected(new Set());
              setAllMatching(false);
              refresh();
            }}
          />
        </>
      )}

      {data.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center dark:border-slate-700 dark:bg-slate-900">
          {buyerHasFilters(query) ? (
            <>
              <p className="font-medium">No buyers match these filters.</p>
              <Button className="mt-4" onClick={clear}>
                Clear filters
              </Button>
            </>
          ) : (
            <p className="font-medium">No buyers yet. Add one, or import your buyer list from a spreadsheet.</p>
          )}
        </div>
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900 ${isPending ? "opacity-60" : ""}`}>
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Buyers</caption>
            <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800">
              <tr>
                {selectable && (
                  <th scope="col" className="w-10 px-3 py-2">
                    <input type="checkbox" aria-label="Select every buyer on this page" checked={pageAll} onChange={() => setSelected(pageAll ? new Set() : new Set(data.rows.map((r) => r.id)))} />
                  </th>
                )}
                <th scope="col" className="px-3 py-2" aria-sort={ariaSort("name")}>
                  <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => sortBy("name")}>
                    Name{query.sort === "name" ? (query.dir === "asc" ? " ↑" : " ↓") : ""}
                  </button>
                </th>
                {columns.map((c) => {
                  const key = SORTABLE[c];
                  return (
                    <th key={c} scope="col" className="whitespace-nowrap px-3 py-2" aria-sort={ariaSort(key)}>
                      {key ? (
                        <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => sortBy(key)}>
                          {COLUMN_LABELS[c]}
                          {query.sort === key ? (query.dir === "asc" ? " ↑" : " ↓") : ""}
                        </button>
                      ) : (
                        <span className="font-semibold">{COLUMN_LABELS[c]}</span>
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  {selectable && (
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.name}`}
                        checked={selected.has(row.id)}
                        onChange={() => {
                          setAllMatching(false);
                          setSelected((s) => {
                            const next = new Set(s);
                            if (next.has(row.id)) next.delete(row.id);
                            else next.add(row.id);
                            return next;
                          });
                        }}
                      />
                    </td>
                  )}
                  <td className="px-3 py-2 font-medium">
                    <Link href={`/buyers/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
                      {row.name}
                    </Link>
                  </td>
                  {columns.map((c) => (
                    <td key={c} className="px-3 py-2 text-slate-800 dark:text-slate-200">
                      {cell(row, c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p>{data.rows.length === 0 ? "No buyers" : `Showing ${count.format(data.rows.length)} of ${count.format(data.total)} buyer${data.total === 1 ? "" : "s"}`}</p>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2">
            Per page
            <select value={query.size} onChange={(e) => navigate({ ...query, size: Number(e.target.value), after: undefined, before: undefined }, { keepView: true })} className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900">
              {BUYER_PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          {data.prevCursor ? (
            <Link href={pageHref({ before: data.prevCursor })} scroll={false} rel="prev" className={buttonClass("secondary", "sm")}>
              ← Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClass("secondary", "sm", "pointer-events-none opacity-40")}>
              ← Previous
            </span>
          )}
          {data.nextCursor ? (
            <Link href={pageHref({ after: data.nextCursor })} scroll={false} rel="next" className={buttonClass("secondary", "sm")}>
              Next →
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClass("secondary", "sm", "pointer-events-none opacity-40")}>
              Next →
            </span>
          )}
        </div>
      </nav>
    </div>
  );
}

type Result = { ok: true; data: { message: string; batchId?: string } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
type Kind = "tags" | "delete";

function BulkBar({ query, selectedIds, allMatching, total, can, onDone }: { query: BuyerListQuery; selectedIds: string[]; allMatching: boolean; total: number; can: Props["can"]; onDone: () => void }) {
  const toast = useToast();
  const id = useId();
  const [open, setOpen] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tagOp, setTagOp] = useState<"addTags" | "removeTags">("addTags");
  const [tagText, setTagText] = useState("");
  const n = allMatching ? total : selectedIds.length;
  const what = `${count.format(n)} buyer${n === 1 ? "" : "s"}`;
  const filterSearch = buyerQueryToParams(buyerFilterPart(query)).toString();
  // "All matching" is resolved again on the server from these filters (lib/buyers/bulk.ts).
  const target = allMatching ? { mode: "all" as const, query: filterSearch } : { mode: "ids" as const, ids: selectedIds };
  const exportHref = `/api/v1/buyers/export?${allMatching ? filterSearch : `ids=${selectedIds.join(",")}`}`;

  async function run(action: () => Promise<Result>) {
    setBusy(true);
    setError(null);
    try {
      const res = await action();
      if (!res.ok) {
        setError([res.error, ...Object.values(res.fieldErrors ?? {}).flat()].join(" "));
        return;
      }
      setOpen(null);
      const batchId = res.data.batchId;
      toast({
        message: res.data.message,
        action: batchId
          ? {
              label: "Undo",
              onClick: async () => {
                const undo = (await restoreBuyersAction({ batchId })) as Result;
                toast(undo.ok ? { message: undo.data.message } : { message: undo.error, tone: "error" });
                onDone();
              },
            }
          : undefined,
      });
      onDone();
    } catch {
      setError("Something went wrong on our side. Nothing was changed; please try again.");
    } finally {
      setBusy(false);
    }
  }
  const change = (c: BulkBuyerChange) => run(() => sendChecked(bulkBuyerChangeAction, { target, change: c }) as Promise<Result>);

  return (
    <div role="region" aria-label="Bulk actions" className="sticky top-0 z-20 flex flex-wrap items-center gap-2 rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-800">
      <p className="mr-2 font-semibold" aria-live="polite">
        {allMatching ? `All ${what} matching the filters` : `${what} selected`}
      </p>
      {can.write && (
        <>
          <Button size="sm" onClick={() => setOpen("tags")}>
            Tag
          </Button>
          <Button size="sm" disabled={busy} onClick={() => change({ kind: "active", value: true })}>
            Activate
          </Button>
          <Button size="sm" disabled={busy} onClick={() => change({ kind: "active", value: false })}>
            Deactivate
          </Button>
          <Button size="sm" disabled={busy} onClick={() => change({ kind: "verified", value: true })}>
            Verify
          </Button>
        </>
      )}
      <a href={exportHref} download className={buttonClass("secondary", "sm")}>
        Export CSV
      </a>
      {can.delete && (
        <Button size="sm" variant="danger" onClick={() => setOpen("delete")}>
          Delete
        </Button>
      )}
      {error && !open && (
        <p role="alert" className="w-full text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open === "delete" ? `Delete ${what}?` : `Tag ${what}`}>
        {open === "tags" && (
          <div className="space-y-3">
            <fieldset className="flex gap-4 text-sm">
              <legend className="sr-only">Add or remove</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name={`${id}-op`} checked={tagOp === "addTags"} onChange={() => setTagOp("addTags")} /> Add tags
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name={`${id}-op`} checked={tagOp === "removeTags"} onChange={() => setTagOp("removeTags")} /> Remove tags
              </label>
            </fieldset>
            <label htmlFor={`${id}-tags`} className="block text-sm font-semibold">
              Tags (comma-separated)
            </label>
            <input id={`${id}-tags`} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" value={tagText} onChange={(e) => setTagText(e.target.value)} />
          </div>
        )}
        {open === "delete" && <p className="text-sm">They can be brought back with Undo right after, or from the trash for 30 days.</p>}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setOpen(null)}>Cancel</Button>
          {open === "tags" && (
            <Button variant="primary" disabled={busy} onClick={() => change({ kind: tagOp, tags: tagText.split(",").map((t) => t.trim()).filter(Boolean) })}>
              Apply
            </Button>
          )}
          {open === "delete" && (
            <Button variant="danger" disabled={busy} onClick={() => run(() => deleteBuyersAction({ target }) as Promise<Result>)}>
              Delete {what}
            </Button>
          )}
        </div>
      </Dialog>
    </div>
  );
}
