"use client";
import { useId, useState, useTransition } from "react";
import { updateDealAction } from "@/app/t/[host]/deals/actions";
import type { DealView } from "@/lib/deals/get-deal";
import { TIMELINE_FIELDS, TIMELINE_LABELS } from "@/lib/deals/timeline-order";
import { DEAL_TYPES, type DealType } from "@/models/deal-enums";
import { Button } from "@/components/ui/button";
import { DEAL_TYPE_LABELS, dateInput } from "./format";
import { sendChecked } from "@/lib/core/actions/payload-size";

const AMOUNTS = [
  ["purchase_price", "Purchase price"],
  ["sale_price", "Sale price"],
  ["rehab_cost", "Rehab cost"],
  ["closing_costs", "Closing costs"],
  ["holding_costs", "Holding costs"],
  ["assignment_fee", "Assignment fee"],
] as const;

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:disabled:bg-slate-800";

/** Type, amounts, dates and notes of a deal, saved together; profit and ROI come back from the server. */
export function DealDetailsForm({ deal, canWrite, onSaved }: { deal: DealView; canWrite: boolean; onSaved: (message: string) => void }) {
  const id = useId();
  const initial = () => {
    const v: Record<string, string> = { deal_type: deal.deal_type, notes: deal.notes ?? "" };
    for (const [k] of AMOUNTS) v[k] = deal.financials[k] === null ? "" : String(deal.financials[k]);
    for (const k of TIMELINE_FIELDS) v[k] = dateInput(deal.timeline[k]);
    return v;
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const set = (k: string, v: string) => setValues((o) => ({ ...o, [k]: v }));

  const field = (key: string, label: string, type: "text" | "date") => {
    const problem = errors[key]?.[0] ?? errors[`financials.${key}`]?.[0] ?? errors[`timeline.${key}`]?.[0];
    return (
      <div key={key}>
        <label htmlFor={`${id}-${key}`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          {label}
        </label>
        <input id={`${id}-${key}`} name={key} type={type} inputMode={type === "text" ? "numeric" : undefined} value={values[key]} disabled={!canWrite} onChange={(e) => set(key, e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-${key}-error` : undefined} className={inputClass} />
        {problem && (
          <p id={`${id}-${key}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      noValidate
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          setErrors({});
          const res = await sendChecked(updateDealAction, { deal_id: deal.id, ...values });
          if (!res.ok) {
            setErrors(res.fieldErrors ?? {});
            return setError(res.error);
          }
          onSaved(res.data.changed.length ? "Deal saved" : "Nothing changed");
        });
      }}
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        Financials and dates
      </h2>
      <div className="mt-3">
        <label htmlFor={`${id}-deal_type`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          Deal type
        </label>
        <select id={`${id}-deal_type`} value={values.deal_type} disabled={!canWrite} onChange={(e) => set("deal_type", e.target.value as DealType)} className={`${inputClass} sm:w-64`}>
          {DEAL_TYPES.map((t) => (
            <option key={t} value={t}>
              {DEAL_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm font-semibold">Amounts (whole dollars)</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">{AMOUNTS.filter(([k]) => k !== "assignment_fee" || values.deal_type === "wholesale").map(([k, label]) => field(k, label, "text"))}</div>
      </fieldset>
      <fieldset className="mt-4">
        <legend className="text-sm font-semibold">Timeline</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">{TIMELINE_FIELDS.map((k) => field(k, TIMELINE_LABELS[k], "date"))}</div>
      </fieldset>
      <div className="mt-4">
        <label htmlFor={`${id}-notes`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          Notes
        </label>
        <textarea id={`${id}-notes`} rows={3} maxLength={20_000} value={values.notes} disabled={!canWrite} onChange={(e) => set("notes", e.target.value)} aria-invalid={errors.notes ? true : undefined} aria-describedby={errors.notes ? `${id}-notes-error` : undefined} className={inputClass} />
        {errors.notes && (
          <p id={`${id}-notes-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.notes[0]}
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {canWrite && (
        <Button type="submit" variant="primary" className="mt-3" disabled={pending}>
          {pending ? "Saving…" : "Save financials and dates"}
        </Button>
      )}
    </form>
  );
}
