"use client";

import Link from "next/link";
import { listQueryToSearch, PAGE_SIZES, type LeadListQuery } from "@/lib/leads/list/list-query";
import { buttonClass } from "@/components/ui/button";
import { numberFormat } from "./format";
import { LEADS_PATH } from "./use-list-navigation";

type Props = { query: LeadListQuery; shown: number; total: number; nextCursor?: string; prevCursor?: string; onSize: (size: number) => void };

/** Previous / next page (keyset cursors in real links), the count, and the page size. */
export function Pagination({ query, shown, total, nextCursor, prevCursor, onSize }: Props) {
  const href = (cursor: { after?: string; before?: string }) => `${LEADS_PATH}${listQueryToSearch({ ...query, after: undefined, before: undefined, ...cursor }, [])}`;
  const disabled = "pointer-events-none opacity-40";
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-700 dark:text-slate-300">
        {shown === 0 ? "No leads" : `Showing ${numberFormat.format(shown)} of ${numberFormat.format(total)} lead${total === 1 ? "" : "s"}`}
      </p>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2 text-slate-700 dark:text-slate-300">
          Per page
          <select value={query.size} onChange={(e) => onSize(Number(e.target.value))} className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900">
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {prevCursor ? (
          <Link href={href({ before: prevCursor })} scroll={false} rel="prev" className={buttonClass("secondary", "sm")}>
            ← Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={buttonClass("secondary", "sm", disabled)}>
            ← Previous
          </span>
        )}
        {nextCursor ? (
          <Link href={href({ after: nextCursor })} scroll={false} rel="next" className={buttonClass("secondary", "sm")}>
            Next →
          </Link>
        ) : (
          <span aria-disabled="true" className={buttonClass("secondary", "sm", disabled)}>
            Next →
          </span>
        )}
      </div>
    </nav>
  );
}
