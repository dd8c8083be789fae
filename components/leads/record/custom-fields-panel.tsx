"use client";
import { useState, useTransition } from "react";
import type { CustomFieldDefinition } from "@/lib/zod/schemas/custom-fields";
import { setLeadCustomFieldsAction } from "@/app/t/[host]/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "../form/field";

/** The tenant's custom fields for this lead, typed as the admins defined them. */
export function CustomFieldsPanel({ leadId, defs, values, canWrite }: { leadId: string; defs: CustomFieldDefinition[]; values: Record<string, unknown>; canWrite: boolean }) {
  const initial = Object.fromEntries(defs.map((d) => [d.key, values[d.key] === undefined || values[d.key] === null ? "" : String(values[d.key])]));
  const [form, setForm] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!defs.length) return null;
  return (
    <section aria-labelledby="custom-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="custom-heading" className="font-semibold">
        More fields
      </h2>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            setMessage(null);
            const res = await setLeadCustomFieldsAction({ lead_id: leadId, custom_fields: form });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              setMessage(res.error);
            } else {
              setErrors({});
              setMessage("Saved.");
            }
          });
        }}
      >
        {defs.map((d) => {
          const error = errors[`custom_fields.${d.key}`]?.[0];
          const common = { label: d.label, error, disabled: !canWrite, value: form[d.key] ?? "" };
          return d.type === "select" ? (
            <SelectField key={d.key} {...common} onChange={(e) => setForm({ ...form, [d.key]: e.target.value })} options={[{ value: "", label: "—" }, ...d.options.map((o) => ({ value: o, label: o }))]} />
          ) : (
            <TextField key={d.key} {...common} type={d.type === "date" ? "date" : "text"} inputMode={d.type === "number" ? "decimal" : undefined} onChange={(e) => setForm({ ...form, [d.key]: e.target.value })} />
          );
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
    </section>
  );
}
