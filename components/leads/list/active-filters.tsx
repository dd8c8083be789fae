"use client";

import type { LeadListQuery } from "@/lib/leads/list/list-query";
import { FOLLOW_UP_LABELS, PRIORITY_LABELS, sourceLabel, STATUS_LABELS } from "./format";
import type { ListUser } from "./types";

type Chip = { key: string; label: string; remove: Partial<LeadListQuery> };

function chipsOf(q: LeadListQuery, users: ListUser[]): Chip[] {
  const name = new Map(users.map((u) => [u.id, u.name]));
  const chips: Chip[] = [];
  if (q.q) chips.push({ key: "q", label: `Search: “${q.q}”`, remove: { q: undefined } });
  for (const s of q.status) chips.push({ key: `s-${s}`, label: `Status: ${STATUS_LABELS[s]}`, remove: { status: q.status.filter((x) => x !== s) } });
  for (const p of q.priority) chips.push({ key: `p-${p}`, label: `Priority: ${PRIORITY_LABELS[p]}`, remove: { priority: q.priority.filter((x) => x !== p) } });
  for (const a of q.assigned) {
    const label = a === "me" ? "Me" : a === "none" ? "Unassigned" : (name.get(a) ?? "Unknown member");
    chips.push({ key: `a-${a}`, label: `Assigned: ${label}`, remove: { assigned: q.assigned.filter((x) => x !== a) } });
  }
  for (const s of q.source) chips.push({ key: `src-${s}`, label: `Source: ${sourceLabel(s)}`, remove: { source: q.source.filter((x) => x !== s) } });
  for (const t of q.tags) chips.push({ key: `t-${t}`, label: `Tag: ${t}`, remove: { tags: q.tags.filter((x) => x !== t) } });
  if (q.followUp) chips.push({ key: "fu", label: FOLLOW_UP_LABELS[q.followUp], remove: { followUp: undefined } });
  if (q.createdFrom || q.createdTo) chips.push({ key: "c", label: `Created ${q.createdFrom ?? "…"} – ${q.createdTo ?? "…"}`, remove: { createdFrom: undefined, createdTo: undefined } });
  if (q.contacted) chips.push({ key: "lc", label: q.contacted === "never" ? "Never contacted" : "Contacted at least once", remove: { contacted: undefined } });
  if (q.contactedFrom || q.contactedTo) chips.push({ key: "lcr", label: `Contacted ${q.contactedFrom ?? "…"} – ${q.contactedTo ?? "…"}`, remove: { contactedFrom: undefined, contactedTo: undefined } });
  if (q.hasPhone !== undefined) chips.push({ key: "ph", label: q.hasPhone ? "Has phone" : "No phone", remove: { hasPhone: undefined } });
  if (q.hasEmail !== undefined) chips.push({ key: "em", label: q.hasEmail ? "Has e-mail" : "No e-mail", remove: { hasEmail: undefined } });
  return chips;
}

/** The filters in force, each removable with one click, and "Clear all". */
export function ActiveFilters({ query, users, onChange, onClear }: { query: LeadListQuery; users: ListUser[]; onChange: (c: Partial<LeadListQuery>) => void; onClear: () => void }) {
  const chips = chipsOf(query, users);
  if (!chips.length) return null;
  return (
    <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2">
      {chips.map((c) => (
        <li key={c.key}>
          <button
            type="button"
            onClick={() => onChange(c.remove)}
            className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-1 pl-3 pr-2 text-xs font-medium text-brand-700 hover:bg-brand-100 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
          >
            {c.label}
            <span className="sr-only">, remove this filter</span>
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={2.5}>
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        </li>
      ))}
      <li>
        <button type="button" onClick={onClear} className="text-xs font-medium text-slate-700 underline hover:text-slate-900 dark:text-slate-300">
          Clear all
        </button>
      </li>
    </ul>
  );
}
