"use client";
import { use } from "react";
import type { DuplicateMatch } from "@/lib/leads/duplicates/find-duplicates";
import { DuplicateList } from "../form/duplicate-list";

export type MergeCandidate = { id: string; name?: string; phone?: string };

/** The visible match with this id, as the merge dialog names it. */
export function mergeCandidate(list: DuplicateMatch[], id: string): MergeCandidate {
  const match = list.find((d): d is Extract<DuplicateMatch, { visible: true }> => d.visible && d.id === id);
  return match ? { id: match.id, name: match.name, phone: match.phone } : { id };
}

/**
 * Leads that look like the same seller, streamed in after the rest of the page: on the embedded
 * database the check reads every lead of the collection (see docs/benchmarks.md, "Lead page"),
 * so the page does not wait for it.
 */
export function PossibleDuplicates({ duplicates, onMerge, busy }: { duplicates: Promise<DuplicateMatch[]>; onMerge?: (lead: MergeCandidate) => void; busy: boolean }) {
  const list = use(duplicates);
  if (!list.length) return null;
  const merge = onMerge ? (id: string) => onMerge(mergeCandidate(list, id)) : undefined;
  return (
    <section aria-labelledby="dupes-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950">
      <h2 id="dupes-heading" className="font-semibold">
        Possible duplicates
      </h2>
      <DuplicateList duplicates={list} onMerge={merge} mergeLabel="Merge into this lead" busy={busy} />
    </section>
  );
}

export function DuplicatesPending() {
  return <p className="text-sm text-slate-600 dark:text-slate-400">Checking for possible duplicates…</p>;
}
