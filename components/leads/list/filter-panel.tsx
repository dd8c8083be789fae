"use client";

import { useId } from "react";
import { FOLLOW_UP_FILTERS, type FollowUpFilter, type LeadListQuery } from "@/lib/leads/list/list-query";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "@/models/lead-enums";
import { FOLLOW_UP_LABELS, PRIORITY_LABELS, sourceLabel, STATUS_LABELS } from "./format";
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

function CheckGroup<T extends string>({ legend, values, selected, label, onToggle, scroll = false }: { legend: string; values: readonly T[]; selected: T[]; label: (v: T) => string; onToggle: (v: T) => void; scroll?: boolean }) {
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

/** Every filter of the list; each change applies at once (and lands in the URL). */
export function FilterPanel({ query, users, tags, sources, showAssignee, onChange }: Props) {
  const id = useId();
  const assignees = ["me", "none", ...users.map((u) => u.id)];
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const yesNo = (v: boolean | undefined) => (v === undefined ? "" : v ? "yes" : "no");
  const fromYesNo = (v: string) => (v === "" ? undefined : v === "yes");

  return (
    <div id="lead-filters" className="grid gap-5 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
      <CheckGroup legend="Status" values={LEAD_STATUSES} selected={query.status} label={(s) => STATUS_LABELS[s]} onToggle={(s) => onChange({ status: toggle(query.status, s) })} />
      <CheckGroup legend="Priority" values={LEAD_PRIORITIES} selected={query.priority} label={(p) => PRIORITY_LABELS[p]} onToggle={(p) => onChange({ priority: toggle(query.priority, p) })} />
      {showAssignee && (
        <CheckGroup
          legend="Assigned to"
          values={assignees}
          selected={query.assigned}
          scroll
          label={(a) => (a === "me" ? "Me" : a === "none" ? "Unassigned" : (userName.get(a) ?? "Unknown"))}
          onToggle={(a) => onChange({ assigned: toggle(query.assigned, a) })}
        />
      )}
      <CheckGroup legend="Source" values={sources} selected={query.source} scroll label={sourceLabel} onToggle={(s) => onChange({ source: toggle(query.source, s) })} />
      <CheckGroup legend="Tags (any of)" values={tags.map((t) => t.name)} selected={query.tags} scroll label={(t) => t} onToggle={(t) => onChange({ tags: toggle(query.tags, t) })} />

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

      <fieldset>
        <legend className="text-sm font-semibold">Created</legend>
        <div className="grid grid-cols-2 gap-2">
          <label className="text-xs text-slate-700 dark:text-slate-300">
            From
            <input type="date" className={fieldClass} value={query.createdFrom ?? ""} max={query.createdTo} onChange={(e) => onChange({ createdFrom: e.target.value || undefined })} />
          </label>
          <label className="text-xs text-slate-700 dark:text-slate-300">
            To
            <input type="date" className={fieldClass} value={query.createdTo ?? ""} min={query.createdFrom} onChange={(e) => onChange({ createdTo: e.target.value || undefined })} />
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold">Last contacted</legend>
        <label htmlFor={`${id}-lc`} className="sr-only">
          Contacted ever
        </label>
        <select id={`${id}-lc`} className={fieldClass} value={query.contacted ?? ""} onChange={(e) => onChange({ contacted: (e.target.value || undefined) as "never" | "ever" | undefined })}>
          <option value="">Any</option>
          <option value="never">Never contacted</option>
          <option value="ever">Contacted at least once</option>
        </select>
        <div className="mt-2 grid grid-cols-2 gap-2">
          <label className="text-xs text-slate-700 dark:text-slate-300">
            From
            <input type="date" className={fieldClass} value={query.contactedFrom ?? ""} max={query.contactedTo} onChange={(e) => onChange({ contactedFrom: e.target.value || undefined })} />
          </label>
          <label className="text-xs text-slate-700 dark:text-slate-300">
            To
            <input type="date" className={fieldClass} value={query.contactedTo ?? ""} min={query.contactedFrom} onChange={(e) => onChange({ contactedTo: e.target.value || undefined })} />
          </label>
        </div>
      </fieldset>
    </div>
  );
}
