"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/core/errors-response";
import type { SettingValueType } from "@/lib/settings/setting-values";
import { RowAction } from "@/components/team/row-action";
import { FormMessage, SubmitButton } from "./form-controls";
import { TextField } from "@/components/ui/field";
import { SettingValueInput } from "./setting-value-input";
import { errorsOf, useFormAction, valueOf } from "./use-form-action";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

export type SettingRow = { id: string; key: string; type: SettingValueType; text: string; shown: string; description: string | null; isSystem: boolean };

export function AddSettingForm({ action, categories }: { action: Action; categories: string[] }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Category" name="category" list="setting-categories" required spellCheck={false} defaultValue={valueOf(state, "category", "")} error={errorsOf(state, "category")} hint="Such as general, notifications, integrations or permissions." />
        <datalist id="setting-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <TextField label="Key" name="key" required spellCheck={false} defaultValue={valueOf(state, "key", "")} error={errorsOf(state, "key")} hint="Lower-case letters, digits and _." />
        <SettingValueInput key={state?.ok ? state.data.message : "add"} type={(valueOf(state, "type", "string") as SettingValueType) || "string"} value={valueOf(state, "value", "")} errors={{ type: errorsOf(state, "type"), value: errorsOf(state, "value") }} />
        <TextField label="Description" name="description" className="sm:col-span-2" defaultValue={valueOf(state, "description", "")} error={errorsOf(state, "description")} />
      </div>
      <FormMessage state={state} success={state?.ok ? state.data.message : undefined} />
      <SubmitButton>Add setting</SubmitButton>
    </form>
  );
}

function EditSettingForm({ action, row, category, onDone }: { action: Action; row: SettingRow; category: string; onDone: () => void }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="mt-2 space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" noValidate aria-label={`Edit ${category} / ${row.key}`}>
      <input type="hidden" name="id" value={row.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SettingValueInput type={(valueOf(state, "type", row.type) as SettingValueType) || row.type} value={valueOf(state, "value", row.text)} errors={{ type: errorsOf(state, "type"), value: errorsOf(state, "value") }} />
        <TextField label="Description" name="description" className="sm:col-span-2" defaultValue={valueOf(state, "description", row.description)} error={errorsOf(state, "description")} />
      </div>
      <FormMessage state={state} success={state?.ok ? state.data.message : undefined} />
      <div className="flex gap-2">
        <SubmitButton>Save</SubmitButton>
        <button type="button" onClick={onDone} className="rounded-md px-3 py-2 text-sm underline">
          Close
        </button>
      </div>
    </form>
  );
}

export function SettingsCategory({ category, rows, actions }: { category: string; rows: SettingRow[]; actions: { update: Action; remove: Action } }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {rows.map((row) => (
        <li key={row.id} className="py-3" data-testid="setting-row" data-key={`${category}.${row.key}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <p className="font-mono text-sm font-semibold">
                {row.key} {row.isSystem && <span className="ml-1 rounded bg-slate-200 px-1.5 py-0.5 font-sans text-xs font-medium dark:bg-slate-800">System, read-only</span>}
              </p>
              {row.description && <p className="text-xs text-slate-600 dark:text-slate-400">{row.description}</p>}
              <pre className="mt-1 max-w-full overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1 text-xs dark:bg-slate-950" data-testid="setting-value">
                {row.shown}
              </pre>
            </div>
            {!row.isSystem && (
              <div className="flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  aria-expanded={editing === row.id}
                  aria-label={`Edit ${category} / ${row.key}`}
                  onClick={() => setEditing(editing === row.id ? null : row.id)}
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  Edit
                </button>
                <RowAction action={actions.remove} fields={{ id: row.id }} label={`Delete ${category} / ${row.key}`} confirm={`Delete ${row.key}?`} danger>
                  Delete
                </RowAction>
              </div>
            )}
          </div>
          {editing === row.id && <EditSettingForm action={actions.update} row={row} category={category} onDone={() => setEditing(null)} />}
        </li>
      ))}
    </ul>
  );
}
