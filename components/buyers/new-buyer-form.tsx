"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { createBuyerAction } from "@/app/t/[host]/buyers/actions";
import { PROPERTY_TYPE_LABELS } from "@/lib/buyers/labels";
import { MAX_LOCATION_LENGTH, MAX_LOCATIONS, parseLocationList, splitListCell } from "@/lib/buyers/locations";
import { newBuyerSchema } from "@/lib/buyers/schemas";
import { PROPERTY_TYPES } from "@/models/property-types";
import { Button } from "@/components/ui/button";

type Result = { ok: true; data: { id: string } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

/** A new buyer: contact and the main parts of the buy box (the rest is edited on their page). */
export function NewBuyerForm() {
  const id = useId();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [v, setV] = useState({ name: "", phone: "", email: "", company: "", price_min: "", price_max: "", locations: "" });
  const [types, setTypes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const field = (k: keyof typeof v, text: string, hint?: string) => (
    <div>
      <label htmlFor={`${id}-${k}`} className="text-sm font-semibold">
        {text}
      </label>
      {hint && <p className="text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      <input
        id={`${id}-${k}`}
        className={inputClass}
        value={v[k]}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
        aria-invalid={errors[k === "locations" ? "preferred_locations" : k] ? true : undefined}
        aria-describedby={errors[k === "locations" ? "preferred_locations" : k] ? `${id}-${k}-error` : undefined}
      />
      {errors[k === "locations" ? "preferred_locations" : k] && (
        <p id={`${id}-${k}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
          {errors[k === "locations" ? "preferred_locations" : k]}
        </p>
      )}
    </div>
  );
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/buyers" className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
        ← Buyers
      </Link>
      <h1 className="text-2xl font-bold">Add buyer</h1>
      <form
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        onSubmit={(e) => {
          e.preventDefault();
          // Checked here first, as the server checks it: a field far past its limit (10 MB pasted
          // into a box) would otherwise be refused by the framework before any check could name it.
          const local: Record<string, string> = {};
          if (v.locations.length > MAX_LOCATION_LENGTH * MAX_LOCATIONS) local.preferred_locations = `Preferred locations: at most ${(MAX_LOCATION_LENGTH * MAX_LOCATIONS).toLocaleString("en-US")} characters`;
          else {
            const bad = parseLocationList(v.locations).errors[0];
            if (bad) local.preferred_locations = `Preferred locations: ${bad.error}`;
          }
          const input = {
            name: v.name,
            phone: v.phone,
            email: v.email,
            company: v.company,
            property_types: types,
            price_min: v.price_min,
            price_max: v.price_max,
            preferred_locations: local.preferred_locations ? [] : splitListCell(v.locations),
          };
          const checked = newBuyerSchema.safeParse(input);
          for (const issue of checked.success ? [] : checked.error.issues) local[String(issue.path[0] ?? "form")] ??= issue.message;
          if (Object.keys(local).length) {
            const shown = ["name", "phone", "email", "company", "price_min", "price_max", "preferred_locations"];
            setErrors(Object.fromEntries(Object.entries(local).filter(([k]) => shown.includes(k))));
            setFormError(Object.entries(local).find(([k]) => !shown.includes(k))?.[1] ?? "Check the highlighted fields.");
            return;
          }
          start(async () => {
            const res = (await createBuyerAction(input)) as Result;
            if (!res.ok) {
              const out: Record<string, string> = {};
              for (const [k, m] of Object.entries(res.fieldErrors ?? {})) out[k.replace(/\.\d+$/, "")] ??= m[0];
              setErrors(out);
              setFormError(res.error);
              return;
            }
            router.push(`/buyers/${res.data.id}`);
          });
        }}
      >
        {field("name", "Name")}
        {field("phone", "Phone")}
        {field("email", "E-mail")}
        {field("company", "Company")}
        <fieldset>
          <legend className="text-sm font-semibold">Property types</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {PROPERTY_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={types.includes(t)} onChange={(e) => setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))} />
                {PROPERTY_TYPE_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          {field("price_min", "Minimum price")}
          {field("price_max", "Maximum price")}
        </div>
        {field("locations", "Preferred locations", 'ZIPs, "City, ST", "X County, ST" or states, separated by ";"')}
        {formError && Object.keys(errors).length === 0 && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {formError}
          </p>
        )}
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Add buyer"}
        </Button>
      </form>
    </div>
  );
}
