"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { setLeadCustomFieldsAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { sendChecked } from "@/lib/core/actions/payload-size";

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The tenant's custom fields for this lead, typed as the admins defined them. */
export function CustomFieldsPanel({ leadId, defs, values, canWrite, canManage }: { leadId: string; defs: CustomFieldDefinition[]; values: Record<string, unknown>; canWrite: boolean; canManage: boolean }) {
  const [saved, setSaved] = useState<Record<string, string>>(() => Object.fromEntries(defs.map((d) => [d.key, text(values[d.key])])));
  const [form, setForm] = useState<Record<string, string>>(saved);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!defs.length && !canManage) return null;

  const manageLink = canManage && (
    <Link href="/leads/fields" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
      {defs.length ? "Manage fields" : "Define fields"}
    </Link>
  );

  return (
    <section aria-labelledby="custom-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center justify-between gap-2">
        <h2 id="custom-heading" className="font-semibold">
          More fields
        </h2>
        {defs.length > 0 && manageLink}
      </div>
      {defs.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No custom fields yet: add the details your team tracks on every lead. {manageLink}</p>
      ) : (
        <form
          className="mt-3 grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            // Only what was edited: a value that no longer fits its definition (a choice taken
            // off the list) is left as stored instead of failing every save.
            const changed = Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== saved[k]));
            start(async () => {
              setMessage(null);
              const res = await sendChecked(setLeadCustomFieldsAction, { lead_id: leadId, custom_fields: changed });
              if (!res.ok) {
                setErrors(res.fieldErrors ?? {});
                setMessage(res.error);
              } else {
                setErrors({});
                setSaved(form);
                setMessage(Object.keys(changed).length ? "Saved." : "Nothing changed.");
              }
            });
          }}
        >
          {defs.map((d) => {
            const error = errors[`custom_fields.${d.key}`]?.[0];
            const value = form[d.key] ?? "";
            const common = { label: d.label, error, disabled: !canWrite, value };
            if (d.type === "select") {
              const stale = value && !d.options.includes(value) ? [{ value, label: `${value} (no longer a choice)` }] : [];
              return <SelectField key={d.key} {...common} onChange={(e) => setForm({ ...form, [d.key]: e.target.value })} options={[{ value: "", label: "—" }, ...stale, ...d.options.map((o) => ({ value: o, label: o }))]} />;
            }
            return <TextField key={d.key} {...common} type={d.type === "date" ? "date" : "text"} inputMode={d.type === "number" ? "decimal" : undefined} onChange={(e) => setForm({ ...form, [d.key]: e.target.value })} />;
          })}
          {canWrite && (
            <div className="sm:col-span-2">
              <Button type="submit" size="sm" disabled={pending}>
                Save fields
              </Button>
              {message && (
                <span role="status" className="ml-2 text-sm">
                  {message}
                </span>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}
