"use client";
import Link from "next/link";
import type { DuplicateMatch } from "@/lib/leads/duplicates/find-duplicates";

/** "Looks like an existing lead": open it, or merge (the caller decides what merge means). */
export function DuplicateList({ duplicates, onMerge, mergeLabel = "Merge", busy }: { duplicates: DuplicateMatch[]; onMerge?: (id: string) => void; mergeLabel?: string; busy?: boolean }) {
  return (
    <ul className="divide-y divide-amber-200 dark:divide-amber-900">
      {duplicates.map((d, i) =>
        d.visible ? (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="text-sm">
              <span className="font-medium">{d.name}</span> · {d.phone}
              {d.email ? ` · ${d.email}` : ""}
              {d.address ? ` · ${d.address}` : ""} <span className="text-amber-900 dark:text-amber-200">(same {d.matchedOn.join(", ")})</span>
            </span>
            <span className="flex gap-2">
              <Link href={`/leads/${d.id}`} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50">
                Open
              </Link>
              {onMerge && (
                <button type="button" disabled={busy} onClick={() => onMerge(d.id)} className="rounded-md bg-amber-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-60">
                  {mergeLabel}
                </button>
              )}
            </span>
          </li>
        ) : (
          <li key={`hidden-${i}`} className="py-2 text-sm">
            A lead assigned to someone else has the same {d.matchedOn.join(", ")}. Ask an admin before working this seller.
          </li>
        ),
      )}
    </ul>
  );
}
