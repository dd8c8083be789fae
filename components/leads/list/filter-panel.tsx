"use client";

import { Fragment, useId, type ReactNode } from "react";
import { FIELD_FILTERS } from "@/lib/leads/list/field-filters";
import { FOLLOW_UP_FILTERS, type FollowUpFilter, type LeadListQuery } from "@/lib/leads/list/list-query";
import { filterControl, inOrder, type FilterChoices, type RangeControl } from "./field-filter-controls";
import { FOLLOW_UP_LABELS } from "./format";
import type { ListTag, ListUser } from "./types";

type Props = {
  query: LeadListQuery;
  users: ListUser[];
  tags: ListTag[];
  sources: string[];
  showAssignee: boolean;
  onChange: (change: Partial<LeadListQuery>) => void;
};

const fieldClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-900";

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function CheckGroup<T extends string>({ legend, values, selected, label, onToggle, scroll = false }: { legend: string; values: readonly T[]; selected: readonly T[]; label: (v: T) => string; onToggle: (v: T) => void; scroll?: boolean }) {
  const id = useId();
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className={`mt-1 space-y-1 ${scroll ? "max-h-40 overflow-y-auto pr-1" : ""}`}>
        {values.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">None yet</p>}
        {values.map((v) => (
          <label key={v} htmlFor={`${id}-${v}`} className="flex items-center gap-2 text-sm">
            <input id={`${id}-${v}`} type="checkbox" checked={selected.includes(v)} onChange={() => onToggle(v)} className="h-4 w-4 rounded border-slate-400 accent-brand-600" />
            <span className="truncate">{label(v)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A range of the registry: From and To, each bounding the other; `before` is a hand-written control shown first under the same legend. */
function RangeInputs({ control: c, before, onChange }: { control: RangeControl; before?: ReactNode; onChange: (change: Partial<LeadListQuery>) => void }) {
  const numeric = c.type === "number" ? { step: "any" } : {};
  return (
    <fieldset>
      <legend className="text-sm font-semibold">{c.legend}</legend>
      {before}
      <div className={`${before ? "mt-2 " : ""}grid grid-cols-2 gap-2`}>
        <label className="text-xs text-slate-700 dark:text-slate-300">
          From
          <input type={c.type} {...numeric} className={fieldClass} value={c.from} max={c.to || undefined} onChange={(e) => onChange(c.set("from", e.target.value))} />
        </label>
        <label className="text-xs text-slate-700 dark:text-slate-300">
          To
          <input type={c.type} {...numeric} className={fieldClass} value={c.to} min={c.from || undefined} onChange={(e) => onChange(c.set("to", e.target.value))} />
        </label>
      </div>
    </fieldset>
  );
}

// Where each filter sits, by its field's path: the registry's filters (status, priority, source,
// tags, created, last contacted) among the hand-written ones, as the panel has always shown them.
// A filter added to the registry comes after these (inOrder).
const PANEL_ORDER = ["status", "priority", "assigned_to", "source", "tags", "next_follow_up", "created_at", "last_contacted"];

/**
 * Every filter of the list; each change applies at once (and lands in the URL). The registry's
 * "any of" and range filters are derived (field-filter-controls.ts); the ones with their own
 * meaning (assignment, follow-up, phone, e-mail, contacted ever) are written here.
 */
export function FilterPanel({ query, users, tags, sources, showAssignee, onChange }: Props) {
  const id = useId();
  const assignees = ["me", "none", ...users.map((u) => u.id)];
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const yesNo = (v: boolean | undefined) => (v === undefined ? "" : v ? "yes" : "no");
  const fromYesNo = (v: string) => (v === "" ? undefined : v === "yes");
  // The values of the free-form "any of" filters, by path (list-options.ts).
  const choices: FilterChoices = { values: { source: sources, tags: tags.map((t) => t.name) }, userNames: userName };

  // The hand-written filters, at their field's place.
  const own: Record<string, ReactNode> = {
    assigned_to: showAssignee && (
      <CheckGroup
        legend="Assigned to"
        values={assignees}
        selected={query.assigned}
        scroll
        label={(a) => (a === "me" ? "Me" : a === "none" ? "Unassigned" : (userName.get(a) ?? "Unknown"))}
        onToggle={(a) => onChange({ assigned: toggle(query.assigned, a) })}
      />
    ),
    next_follow_up: (
      <div className="space-y-3">
        <div>
          <label htmlFor={`${id}-fu`} className="text-sm font-semibold">
            Follow-up
          </label>
          <select id={`${id}-fu`} className={fieldClass} value={query.followUp ?? ""} onChange={(e) => onChange({ followUp: (e.target.value || undefined) as FollowUpFilter | undefined })}>
            <option value="">Any</option>
            {FOLLOW_UP_FILTERS.map((f) => (
              <option key={f} value={f}>
                {FOLLOW_UP_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor={`${id}-ph`} className="text-sm font-semibold">
              Phone
            </label>
            <select id={`${id}-ph`} className={fieldClass} value={yesNo(query.hasPhone)} onChange={(e) => onChange({ hasPhone: fromYesNo(e.target.value) })}>
              <option value="">Any</option>
              <option value="yes">Has one</option>
              <option value="no">Missing</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-em`} className="text-sm font-semibold">
              E-mail
            </label>
            <select id={`${id}-em`} className={fieldClass} value={yesNo(query.hasEmail)} onChange={(e) => onChange({ hasEmail: fromYesNo(e.target.value) })}>
              <option value="">Any</option>
              <option value="yes">Has one</option>
              <option value="no">Missing</option>
            </select>
          </div>
        </div>
      </div>
    ),
  };
  // Hand-written controls shown first within a derived filter's group.
  const before: Record<string, ReactNode> = {
    last_contacted: (
      <>
        <label htmlFor={`${id}-lc`} className="sr-only">
          Contacted ever
        </label>
        <select id={`${id}-lc`} className={fieldClass} value={query.contacted ?? ""} onChange={(e) => onChange({ contacted: (e.target.value || undefined) as "never" | "ever" | undefined })}>
          <option value="">Any</option>
          <option value="never">Never contacted</option>
          <option value="ever">Contacted at least once</option>
        </select>
      </>
    ),
  };
  const derived = new Map(FIELD_FILTERS.map((f) => [f.path, f]));

  return (
    <div id="lead-filters" className="grid gap-5 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
      {inOrder(PANEL_ORDER).map((path) => {
        const f = derived.get(path);
        const c = f && filterControl(f, query, choices);
        if (!c) return <Fragment key={path}>{own[path]}</Fragment>;
        if (c.kind === "range") return <RangeInputs key={path} control={c} before={before[path]} onChange={onChange} />;
        return <CheckGroup key={path} legend={c.legend} values={c.values} selected={c.selected} scroll={c.scroll} label={c.words} onToggle={(v) => onChange(c.toggle(v))} />;
      })}
    </div>
  );
}
