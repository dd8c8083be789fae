"use client";

import { FIELD_FILTERS } from "@/lib/leads/list/field-filters";
import type { LeadListQuery } from "@/lib/leads/list/list-query";
import { filterChips, inOrder, type Chip } from "./field-filter-controls";
import { FOLLOW_UP_LABELS } from "./format";
import type { ListUser } from "./types";

// Where each chip sits, by its field's path: the registry's filters among the hand-written ones,
// as the chips have always been listed (after the search). A filter added to the registry comes
// after these (inOrder).
const CHIP_ORDER = ["status", "priority", "assigned_to", "source", "tags", "next_follow_up", "created_at", "last_contacted", "phone", "email"];

function chipsOf(q: LeadListQuery, users: ListUser[]): Chip[] {
  const name = new Map(users.map((u) => [u.id, u.name]));
  // The hand-written filters' chips, at their field's place; `before`: shown just before a derived filter's.
  const own: Record<string, Chip[]> = {
    assigned_to: q.assigned.map((a) => {
      const label = a === "me" ? "Me" : a === "none" ? "Unassigned" : (name.get(a) ?? "Unknown member");
      return { key: `a-${a}`, label: `Assigned: ${label}`, remove: { assigned: q.assigned.filter((x) => x !== a) } };
    }),
    next_follow_up: q.followUp ? [{ key: "fu", label: FOLLOW_UP_LABELS[q.followUp], remove: { followUp: undefined } }] : [],
    phone: q.hasPhone !== undefined ? [{ key: "ph", label: q.hasPhone ? "Has phone" : "No phone", remove: { hasPhone: undefined } }] : [],
    email: q.hasEmail !== undefined ? [{ key: "em", label: q.hasEmail ? "Has e-mail" : "No e-mail", remove: { hasEmail: undefined } }] : [],
  };
  const before: Record<string, Chip[]> = {
    last_contacted: q.contacted ? [{ key: "lc", label: q.contacted === "never" ? "Never contacted" : "Contacted at least once", remove: { contacted: undefined } }] : [],
  };
  const derived = new Map(FIELD_FILTERS.map((f) => [f.path, f]));
  const chips: Chip[] = [];
  if (q.q) chips.push({ key: "q", label: `Search: “${q.q}”`, remove: { q: undefined } });
  for (const path of inOrder(CHIP_ORDER)) {
    const f = derived.get(path);
    chips.push(...(before[path] ?? []), ...(f ? filterChips(f, q, name) : (own[path] ?? [])));
  }
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
