"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { FIELD_FILTERS } from "@/lib/leads/list/field-filters";
import { emptyListQuery, hasFilters, listQueryToSearch, type LeadListQuery } from "@/lib/leads/list/list-query";
import type { ColumnId, SortKey } from "@/lib/leads/list/columns";
import { Button, buttonClass } from "@/components/ui/button";
import { ToastProvider } from "@/components/ui/toast";
import { SelectAllMatching } from "@/components/lists/select-all-matching";
import { ActiveFilters } from "./active-filters";
import { BulkBar } from "./bulk-bar";
import { ColumnPicker, saveColumnsCookie } from "./column-picker";
import { filterCount as fieldFilterCount } from "./field-filter-controls";
import { FilterPanel } from "./filter-panel";
import { numberFormat } from "./format";
import { LeadsTable } from "./leads-table";
import { Pagination } from "./pagination";
import { QueryProblems } from "@/components/lists/query-problems";
import { SearchBox } from "./search-box";
import type { LeadListProps } from "./types";
import { useListNavigation, withFilter } from "./use-list-navigation";
import { ViewsBar } from "./views-bar";

/** The Filters button's count: each chosen value, each range, each other filter set. */
function filterCount(q: LeadListQuery): number {
  const derived = FIELD_FILTERS.reduce((n, f) => n + fieldFilterCount(f, q), 0);
  return derived + q.assigned.length + [q.followUp, q.contacted, q.hasPhone !== undefined, q.hasEmail !== undefined].filter(Boolean).length;
}

/** The lead workspace's list: views, search, filters, table, bulk actions and pages. */
export function LeadListView(props: LeadListProps) {
  return (
    <ToastProvider>
      <LeadList {...props} />
    </ToastProvider>
  );
}

function LeadList({ data, query: serverQuery, columns, users, tags, sources, views, activeView, timeZone, me, can }: LeadListProps) {
  const { query, navigate, refresh, isPending } = useListNavigation(serverQuery);
  const search = useRef<HTMLInputElement>(null);
  const [showFilters, setShowFilters] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const userNames = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  const filtered = hasFilters(query);
  const selectable = can.write || can.assign || can.delete || can.export;
  const stateKey = listQueryToSearch(serverQuery);

  // A new list state (filters, page, view) starts with nothing selected.
  const [selectionKey, setSelectionKey] = useState(stateKey);
  if (selectionKey !== stateKey) {
    setSelectionKey(stateKey);
    setSelected(new Set());
    setAllMatching(false);
  }

  // "/" jumps to the search box from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey || el.closest("input, textarea, select, [contenteditable=true], dialog")) return;
      e.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const change = (c: Partial<LeadListQuery>) => navigate(withFilter(query, c));
  const clear = () => navigate({ ...emptyListQuery(), sort: query.sort, dir: query.dir, size: query.size, cols: query.cols });

  const setColumns = (cols: ColumnId[]) => {
    saveColumnsCookie(cols);
    if (query.cols) navigate({ ...query, cols }, { replace: true, keepView: true });
    else refresh();
  };

  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const toggleAll = () => {
    setAllMatching(false);
    setSelected((s) => (data.rows.every((r) => s.has(r.id)) ? new Set() : new Set(data.rows.map((r) => r.id))));
  };
  const pageAllSelected = data.rows.length > 0 && data.rows.every((r) => selected.has(r.id));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {activeView ? activeView.name : "Leads"}
          <span className="ml-2 align-middle text-base font-normal text-slate-600 dark:text-slate-400" data-testid="lead-total">
            {numberFormat.format(data.total)}
          </span>
        </h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/leads/board" className={buttonClass("secondary", "md")}>
            Board
          </Link>
          {can.import && (
            <Link href="/leads/import" className={buttonClass("secondary", "md")}>
              Import
            </Link>
          )}
          {can.create && (
            <Link href="/leads/new" className={buttonClass("primary", "md")}>
              Add lead
            </Link>
          )}
        </div>
      </div>

      <ViewsBar views={views} activeView={activeView} query={query} filtered={filtered} onChanged={refresh} />

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchBox ref={search} value={query.q ?? ""} busy={isPending} onSearch={(q) => navigate(withFilter(query, { q: q || undefined }), { replace: true })} />
        <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
          <Button size="sm" aria-expanded={showFilters} aria-controls="lead-filters" onClick={() => setShowFilters((v) => !v)}>
            Filters{filterCount(query) ? ` (${filterCount(query)})` : ""}
          </Button>
          <ColumnPicker columns={columns} onChange={setColumns} />
          {can.export && (
            <a href={`/api/v1/leads/export${listQueryToSearch({ ...query, after: undefined, before: undefined, cols: undefined, view: undefined })}`} download className={buttonClass("ghost", "sm")}>
              Export all
            </a>
          )}
        </div>
      </div>

      {showFilters && <FilterPanel query={query} users={users} tags={tags} sources={sources} showAssignee={me.seesAll} onChange={change} />}
      <ActiveFilters query={query} users={users} onChange={change} onClear={clear} />

      <QueryProblems problems={data.problems} />

      {selectable && (selected.size > 0 || allMatching) && (
        <>
          <SelectAllMatching
            noun={["lead", "leads"]}
            total={data.total}
            shown={data.rows.length}
            selected={selected.size}
            pageAllSelected={pageAllSelected}
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
            users={users}
            tags={tags}
            can={can}
            onDone={() => {
              setSelected(new Set());
              setAllMatching(false);
              refresh();
            }}
            onClear={() => {
              setSelected(new Set());
              setAllMatching(false);
            }}
          />
        </>
      )}

      {data.rows.length === 0 ? (
        <EmptyState filtered={filtered} onClear={clear} can={can} />
      ) : (
        <LeadsTable
          rows={data.rows}
          columns={columns}
          sort={query.sort}
          dir={query.dir}
          onSort={(sort: SortKey, dir) => navigate({ ...query, sort, dir, after: undefined, before: undefined }, { keepView: true })}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          selectable={selectable}
          userNames={userNames}
          timeZone={timeZone}
          busy={isPending}
        />
      )}

      <Pagination query={serverQuery} shown={data.rows.length} total={data.total} nextCursor={data.nextCursor} prevCursor={data.prevCursor} onSize={(size) => navigate({ ...query, size, after: undefined, before: undefined }, { keepView: true })} />
      <p className="hidden text-xs text-slate-600 sm:block dark:text-slate-400">
        Keys: <kbd>/</kbd> search · <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>k</kbd>/<kbd>j</kbd> move · <kbd>Enter</kbd> open · <kbd>x</kbd> select
      </p>
    </div>
  );
}

function EmptyState({ filtered, onClear, can }: { filtered: boolean; onClear: () => void; can: LeadListProps["can"] }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center dark:border-slate-700 dark:bg-slate-900">
      {filtered ? (
        <>
          <p className="font-medium">No leads match these filters.</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Try fewer filters or another spelling. Search matches the start of a name, phone number or e-mail.</p>
          <Button className="mt-4" onClick={onClear}>
            Clear filters
          </Button>
        </>
      ) : (
        <>
          <p className="font-medium">No leads yet.</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Add your first seller lead, or bring your list over from a spreadsheet or another CRM.</p>
          <div className="mt-4 flex justify-center gap-2">
            {can.create && (
              <Link href="/leads/new" className={buttonClass("primary")}>
                Add lead
              </Link>
            )}
            {can.import && (
              <Link href="/leads/import" className={buttonClass("secondary")}>
                Import CSV
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
