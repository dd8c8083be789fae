"use client";

import type { ActionResult } from "@/lib/core/errors-response";
import type { CompanyHours } from "@/lib/communications/compliance/company-hours";
import { FormMessage, SubmitButton } from "@/components/settings/form-controls";
import { CheckboxField, SelectField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf, type FormState } from "@/components/settings/use-form-action";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ summary: string | null }>>;

const hourLabel = (h: number) => (h === 0 ? "Midnight" : h === 24 ? "Midnight (end of day)" : h === 12 ? "Noon" : h < 12 ? `${h} am` : `${h - 12} pm`);
const FROM = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) }));
const TO = Array.from({ length: 24 }, (_, h) => ({ value: String(h + 1), label: hourLabel(h + 1) }));

/** A checkbox's state: what was just submitted (absent = unchecked) after an error, else the stored one. */
const checkedOf = (state: FormState<unknown>, name: string, stored: boolean) => (state && !state.ok ? name in state.values : stored);

function DayHours({ day, label, window, state, optional }: { day: "weekday" | "saturday" | "sunday"; label: string; window: readonly [number, number] | null; state: FormState<unknown>; optional: boolean }) {
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">{label}</legend>
      {optional && <CheckboxField label={`Text and call on ${label}s`} name={`${day}On`} defaultChecked={checkedOf(state, `${day}On`, window !== null)} />}
      <div className="mt-2 grid grid-cols-2 gap-3">
        <SelectField label="From" name={`${day}From`} options={FROM} defaultValue={valueOf(state, `${day}From`, window?.[0] ?? 9)} error={errorsOf(state, `${day}From`)} />
        <SelectField label="Until" name={`${day}To`} options={TO} defaultValue={valueOf(state, `${day}To`, window?.[1] ?? 19)} />
      </div>
    </fieldset>
  );
}

/**
 * The company's own texting and calling hours, in the recipient's local time. They can only make
 * the law's hours stricter: the gate applies both and the stricter wins.
 */
export function CompanyHoursForm({ action, hours }: { action: Action; hours: CompanyHours | null }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Company hours">
      <CheckboxField
        label="Use our own, stricter hours"
        name="enabled"
        defaultChecked={checkedOf(state, "enabled", hours !== null)}
        hint="Unchecked: the federal and state hours only. Checked: these hours too, whichever is stricter. Texts outside them wait for the next allowed hour; calls are refused until then."
      />
      <div className="grid gap-3 md:grid-cols-3">
        <DayHours day="weekday" label="Monday to Friday" window={hours?.weekday ?? [9, 19]} state={state} optional={false} />
        <DayHours day="saturday" label="Saturday" window={hours ? hours.saturday : [9, 19]} state={state} optional />
        <DayHours day="sunday" label="Sunday" window={hours ? hours.sunday : null} state={state} optional />
      </div>
      <CheckboxField label="Text and call on federal holidays (weekday hours)" name="holidays" defaultChecked={checkedOf(state, "holidays", hours?.holidays ?? false)} />
      <FormMessage state={state} success={state?.ok ? (state.data.summary ? `Saved: ${state.data.summary}.` : "Saved: the law's hours only.") : undefined} />
      <SubmitButton>Save hours</SubmitButton>
    </form>
  );
}
