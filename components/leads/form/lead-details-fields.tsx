"use client";
import { Fragment } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { fieldsWith, LEAD_FIELDS, LEAD_FORM_GROUPS, type FormFacet, type LeadFieldDef, type LeadFormGroup } from "@/lib/leads/fields";
import { label, SelectField, TextAreaField, TextField } from "@/components/ui/field";

type AnyForm = any;

/** The message of a (possibly nested) field error: "address.zip_code" → its message. */
export function errorAt(errors: FieldErrors<AnyForm>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

/** The form's groups (their fields: the registry's `form` facet, lib/leads/fields.ts). */
const GROUPS: { id: LeadFormGroup; legend?: string; grid?: string; editorOnly?: true }[] = [
  { id: "contact", legend: "Contact", grid: "sm:grid-cols-2" },
  { id: "address", legend: "Property address", grid: "sm:grid-cols-6" },
  // The lead page's editor only: a new lead is its property and a way to reach the seller.
  { id: "mailing_address", legend: "Owner's mailing address", grid: "sm:grid-cols-6", editorOnly: true },
  { id: "property", legend: "Property and price", grid: "sm:grid-cols-3" },
  { id: "notes" },
];

// Written out so the stylesheet has them.
const SPANS: Record<number, string> = { 1: "sm:col-span-1", 2: "sm:col-span-2", 3: "sm:col-span-3", 4: "sm:col-span-4", 5: "sm:col-span-5", 6: "sm:col-span-6" };

type FormField = LeadFieldDef & { form: FormFacet };

/** Each group's fields in the form's order: the registry's, those marked `last` after the others. */
export function formFields(fields: readonly LeadFieldDef[]): Record<LeadFormGroup, FormField[]> {
  const withForm = fields.filter((f): f is FormField => !!f.form);
  return Object.fromEntries(
    LEAD_FORM_GROUPS.map((g) => {
      const inGroup = withForm.filter((f) => f.form.group === g);
      return [g, [...inGroup.filter((f) => !f.form.last), ...inGroup.filter((f) => f.form.last)]];
    }),
  ) as Record<LeadFormGroup, FormField[]>;
}

export const FORM_FIELDS = formFields(LEAD_FIELDS);

/** The form's label: its own, or the field's with its unit ("Lot size (sq ft)", "Asking price ($)"). */
export function formLabel(f: FormField): string {
  if (f.form.label) return f.form.label;
  if (f.kind === "money") return `${f.label} ($)`;
  return f.form.unit ? `${f.label} (${f.form.unit})` : f.label;
}

function FieldInput({ field: f, register, error }: { field: FormField; register: UseFormRegister<AnyForm>; error?: string }) {
  const props = { className: f.form.span ? SPANS[f.form.span] : undefined, label: formLabel(f), error, ...register(f.path) };
  if (f.kind === "enum") return <SelectField {...props} options={[{ value: "", label: "—" }, ...(f.codes ?? []).map((c) => ({ value: c, label: f.labels?.[c] ?? label(c) }))]} />;
  if (f.form.rows) return <TextAreaField {...props} rows={f.form.rows} />;
  const numeric = f.kind === "number" || f.kind === "money";
  return <TextField {...props} type={f.kind === "date" ? "date" : undefined} inputMode={f.form.inputMode ?? (numeric ? "numeric" : undefined)} autoComplete={f.form.autoComplete} hint={f.form.hint} />;
}

/** Contact, address, property and money fields, shared by "new lead" and the lead page's edit form. */
export function LeadDetailsFields({ register, errors, contacts }: { register: UseFormRegister<AnyForm>; errors: FieldErrors<AnyForm>; contacts?: React.ReactNode }) {
  const e = (p: string) => errorAt(errors, p);
  return (
    <div className="space-y-6">
      {GROUPS.filter((g) => !g.editorOnly || contacts).map((g) => {
        const inputs = FORM_FIELDS[g.id].map((f) => <FieldInput key={f.path} field={f} register={register} error={e(f.path)} />);
        if (!g.legend) return <Fragment key={g.id}>{inputs}</Fragment>;
        return (
          <fieldset key={g.id} className={`grid gap-4 ${g.grid}`}>
            <legend className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{g.legend}</legend>
            {inputs}
            {/* Several phones and e-mails (the lead page), or the primary ones (a new lead). */}
            {g.id === "contact" &&
              (contacts ?? (
                <>
                  <TextField label="Phone" type="tel" autoComplete="off" {...register("phone")} error={e("phone")} hint="Any format: (555) 123-4567, +44 20 7946 0958" />
                  {/* Text, not type="email": browsers refuse internationalised addresses (renée@example.com) that mail servers accept. */}
                  <TextField label="E-mail" type="text" inputMode="email" autoComplete="off" {...register("email")} error={e("email")} />
                </>
              ))}
          </fieldset>
        );
      })}
    </div>
  );
}

/** A stored lead → the strings a form edits: every field of the form, the phones and e-mails. */
export function detailsFormValues(lead: {
  phone: string;
  email: string | null;
  phones?: { number: string; type: string; status: string }[];
  emails?: { address: string; type: string | null; status: string | null }[];
}) {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const values: Record<string, unknown> = {
    phone: lead.phone,
    email: s(lead.email),
    phones: lead.phones?.length ? lead.phones.map((p) => ({ ...p })) : [{ number: lead.phone, type: "unknown", status: "active" }],
    emails: (lead.emails ?? []).map((e) => ({ address: e.address, type: s(e.type), status: s(e.status) })),
  };
  for (const f of fieldsWith("form")) {
    const [head, ...rest] = f.path.split(".");
    const stored = (lead as unknown as Record<string, unknown>)[head];
    // A date input edits the day ("2026-03-01").
    if (!rest.length) values[head] = f.required ? (stored as string) : f.kind === "date" ? s(stored).slice(0, 10) : s(stored);
    else ((values[head] ??= {}) as Record<string, string>)[rest.join(".")] = s((stored as Record<string, unknown> | undefined)?.[rest.join(".")]);
  }
  return values;
}

/** Server field errors ({ "address.zip_code": [...] }) → react-hook-form errors. */
export function applyServerErrors(setError: (name: AnyForm, e: { type: string; message: string }) => void, fieldErrors: Record<string, string[]> | undefined) {
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) setError(path, { type: "server", message: messages[0] });
}
