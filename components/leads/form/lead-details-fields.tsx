"use client";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { PROPERTY_TYPES } from "@/models/property-types";
import { label, SelectField, TextAreaField, TextField } from "./field";

type AnyForm = any;

/** The message of a (possibly nested) field error: "address.zip_code" → its message. */
export function errorAt(errors: FieldErrors<AnyForm>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

/** Contact, address, property and money fields, shared by "new lead" and the lead page's edit form. */
export function LeadDetailsFields({ register, errors, contacts }: { register: UseFormRegister<AnyForm>; errors: FieldErrors<AnyForm>; contacts?: React.ReactNode }) {
  const e = (p: string) => errorAt(errors, p);
  return (
    <div className="space-y-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Contact</legend>
        <TextField label="Name" autoComplete="off" {...register("name")} error={e("name")} />
        <TextField label="Source" {...register("source")} error={e("source")} hint="website, referral, cold_call, driving_for_dollars…" />
        {/* Several phones and e-mails (the lead page), or the primary ones (a new lead). */}
        {contacts ?? (
          <>
            <TextField label="Phone" type="tel" autoComplete="off" {...register("phone")} error={e("phone")} hint="Any format: (555) 123-4567, +44 20 7946 0958" />
            {/* Text, not type="email": browsers refuse internationalised addresses (renée@example.com) that mail servers accept. */}
            <TextField label="E-mail" type="text" inputMode="email" autoComplete="off" {...register("email")} error={e("email")} />
          </>
        )}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-6">
        <legend className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Property address</legend>
        <TextField className="sm:col-span-6" label="Street" {...register("address.street")} error={e("address.street")} />
        <TextField className="sm:col-span-2" label="City" {...register("address.city")} error={e("address.city")} />
        <TextField className="sm:col-span-1" label="State" {...register("address.state")} error={e("address.state")} />
        <TextField className="sm:col-span-1" label="ZIP code" inputMode="numeric" {...register("address.zip_code")} error={e("address.zip_code")} />
        <TextField className="sm:col-span-2" label="County" {...register("address.county")} error={e("address.county")} />
      </fieldset>
      {/* The lead page's editor only: a new lead is its property and a way to reach the seller. */}
      {contacts && (
      <fieldset className="grid gap-4 sm:grid-cols-6">
        <legend className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Owner&apos;s mailing address</legend>
        <TextField className="sm:col-span-6" label="Mailing street" {...register("mailing_address.street")} error={e("mailing_address.street")} hint="Leave empty when the owner gets mail at the property" />
        <TextField className="sm:col-span-3" label="Mailing city" {...register("mailing_address.city")} error={e("mailing_address.city")} />
        <TextField className="sm:col-span-1" label="Mailing state" {...register("mailing_address.state")} error={e("mailing_address.state")} />
        <TextField className="sm:col-span-2" label="Mailing ZIP code" inputMode="numeric" {...register("mailing_address.zip_code")} error={e("mailing_address.zip_code")} />
      </fieldset>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">Property and price</legend>
        <SelectField label="Property type" {...register("property_details.type")} error={e("property_details.type")} options={[{ value: "", label: "—" }, ...PROPERTY_TYPES.map((t) => ({ value: t, label: label(t) }))]} />
        <TextField label="Bedrooms" inputMode="decimal" {...register("property_details.bedrooms")} error={e("property_details.bedrooms")} />
        <TextField label="Bathrooms" inputMode="decimal" {...register("property_details.bathrooms")} error={e("property_details.bathrooms")} />
        <TextField label="Square feet" inputMode="numeric" {...register("property_details.square_feet")} error={e("property_details.square_feet")} />
        <TextField label="Lot size (sq ft)" inputMode="numeric" {...register("property_details.lot_size")} error={e("property_details.lot_size")} />
        <TextField label="Year built" inputMode="numeric" {...register("property_details.year_built")} error={e("property_details.year_built")} />
        <TextField label="Estimated value ($)" inputMode="numeric" {...register("estimated_value")} error={e("estimated_value")} />
        <TextField label="Asking price ($)" inputMode="numeric" {...register("asking_price")} error={e("asking_price")} />
      </fieldset>
      <TextAreaField label="Background notes" rows={3} {...register("notes")} error={e("notes")} />
    </div>
  );
}

/** A stored lead → the strings a form edits. */
export function detailsFormValues(lead: {
  name: string;
  phone: string;
  email: string | null;
  source: string | null;
  notes: string | null;
  address: Record<string, unknown>;
  property_details: Record<string, unknown>;
  estimated_value: number | null;
  asking_price: number | null;
  phones?: { number: string; type: string; status: string }[];
  emails?: { address: string; type: string | null; status: string | null }[];
  mailing_address?: Record<string, unknown>;
}) {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const m = lead.mailing_address ?? {};
  return {
    name: lead.name,
    phone: lead.phone,
    email: s(lead.email),
    phones: lead.phones?.length ? lead.phones.map((p) => ({ ...p })) : [{ number: lead.phone, type: "unknown", status: "active" }],
    emails: (lead.emails ?? []).map((e) => ({ address: e.address, type: s(e.type), status: s(e.status) })),
    mailing_address: { street: s(m.street), city: s(m.city), state: s(m.state), zip_code: s(m.zip_code) },
    source: s(lead.source),
    notes: s(lead.notes),
    address: { street: s(lead.address.street), city: s(lead.address.city), state: s(lead.address.state), zip_code: s(lead.address.zip_code), county: s(lead.address.county) },
    property_details: {
      type: s(lead.property_details.type),
      bedrooms: s(lead.property_details.bedrooms),
      bathrooms: s(lead.property_details.bathrooms),
      square_feet: s(lead.property_details.square_feet),
      lot_size: s(lead.property_details.lot_size),
      year_built: s(lead.property_details.year_built),
    },
    estimated_value: s(lead.estimated_value),
    asking_price: s(lead.asking_price),
  };
}

/** Server field errors ({ "address.zip_code": [...] }) → react-hook-form errors. */
export function applyServerErrors(setError: (name: AnyForm, e: { type: string; message: string }) => void, fieldErrors: Record<string, string[]> | undefined) {
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) setError(path, { type: "server", message: messages[0] });
}
