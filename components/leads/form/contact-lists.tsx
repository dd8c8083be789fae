"use client";
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { EMAIL_STATUSES, EMAIL_TYPES, MAX_CONTACT_POINTS, PHONE_STATUSES, PHONE_TYPES } from "@/models/lead-enums";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { errorAt } from "./lead-details-fields";
import { EMAIL_STATUS_LABELS, EMAIL_TYPE_LABELS, PHONE_STATUS_LABELS, PHONE_TYPE_LABELS } from "@/lib/leads/contacts/labels";

type AnyForm = any;

export { EMAIL_STATUS_LABELS, EMAIL_TYPE_LABELS, PHONE_STATUS_LABELS, PHONE_TYPE_LABELS };

const options = (values: readonly string[], labels: Record<string, string>) => values.map((v) => ({ value: v, label: labels[v] ?? v }));

/**
 * The lead's phones and e-mails, each with its type and status: add, remove, make primary (the
 * first entry is the primary, what `phone` / `email` hold). Every control is labelled within a
 * fieldset named "Phone 2" etc., and the buttons say which entry they act on.
 */
export function ContactLists({ control, register, errors }: { control: unknown; register: UseFormRegister<AnyForm>; errors: FieldErrors<AnyForm> }) {
  // Any form with `phones` and `emails` lists (its own field types do not matter here).
  const phones = useFieldArray({ control: control as Control<AnyForm>, name: "phones" });
  const emails = useFieldArray({ control: control as Control<AnyForm>, name: "emails" });
  const e = (p: string) => errorAt(errors, p);
  return (
    <div className="space-y-4 sm:col-span-2">
      <div>
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Phones</h3>
        {e("phones") && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {e("phones")}
          </p>
        )}
        <ol className="mt-2 space-y-3">
          {phones.fields.map((field, i) => (
            <li key={field.id}>
              <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_auto] dark:border-slate-700">
                <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">
                  Phone {i + 1}
                  {i === 0 ? " (primary)" : ""}
                </legend>
                <TextField label="Number" type="tel" autoComplete="off" {...register(`phones.${i}.number`)} error={e(`phones.${i}.number`)} />
                <SelectField label="Type" {...register(`phones.${i}.type`)} error={e(`phones.${i}.type`)} options={options(PHONE_TYPES, PHONE_TYPE_LABELS)} />
                <SelectField label="Status" {...register(`phones.${i}.status`)} error={e(`phones.${i}.status`)} options={options(PHONE_STATUSES, PHONE_STATUS_LABELS)} />
                <div className="flex items-end gap-2">
                  {i > 0 && (
                    <Button size="sm" aria-label={`Make phone ${i + 1} primary`} onClick={() => phones.move(i, 0)}>
                      Make primary
                    </Button>
                  )}
                  {phones.fields.length > 1 && (
                    <Button size="sm" variant="ghost" aria-label={`Remove phone ${i + 1}`} onClick={() => phones.remove(i)}>
                      Remove
                    </Button>
                  )}
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        {phones.fields.length < MAX_CONTACT_POINTS && (
          <Button size="sm" className="mt-2" onClick={() => phones.append({ number: "", type: "unknown", status: "active" })}>
            Add phone
          </Button>
        )}
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">E-mails</h3>
        {emails.fields.length === 0 && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No e-mail yet.</p>}
        <ol className="mt-2 space-y-3">
          {emails.fields.map((field, i) => (
            <li key={field.id}>
              <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_auto] dark:border-slate-700">
                <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">
                  E-mail {i + 1}
                  {i === 0 ? " (primary)" : ""}
                </legend>
                {/* Text, not type="email": browsers refuse internationalised addresses that mail servers accept. */}
                <TextField label="Address" type="text" inputMode="email" autoComplete="off" {...register(`emails.${i}.address`)} error={e(`emails.${i}.address`)} />
                <SelectField label="Type" {...register(`emails.${i}.type`)} error={e(`emails.${i}.type`)} options={[{ value: "", label: "—" }, ...options(EMAIL_TYPES, EMAIL_TYPE_LABELS)]} />
                <SelectField label="Status" {...register(`emails.${i}.status`)} error={e(`emails.${i}.status`)} options={[{ value: "", label: "—" }, ...options(EMAIL_STATUSES, EMAIL_STATUS_LABELS)]} />
                <div className="flex items-end gap-2">
                  {i > 0 && (
                    <Button size="sm" aria-label={`Make e-mail ${i + 1} primary`} onClick={() => emails.move(i, 0)}>
                      Make primary
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" aria-label={`Remove e-mail ${i + 1}`} onClick={() => emails.remove(i)}>
                    Remove
                  </Button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        {emails.fields.length < MAX_CONTACT_POINTS && (
          <Button size="sm" className="mt-2" onClick={() => emails.append({ address: "", type: "", status: "" })}>
            Add e-mail
          </Button>
        )}
      </div>
    </div>
  );
}
