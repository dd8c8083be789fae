"use client";

import { useState } from "react";
import { FormMessage, SubmitButton } from "@/components/settings/form-controls";
import { TextField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf } from "@/components/settings/use-form-action";
import type { ScopeOption } from "@/lib/api-keys/scope-options";
import type { ActionResult } from "@/lib/core/errors-response";

type Created = { id: string; name: string; prefix: string; secret: string; scopes: string[] };
type Action = (prev: unknown, form: FormData) => Promise<ActionResult<Created>>;

/** Name and scopes of a new key; once created, its secret is shown here, this one time. */
export function CreateApiKeyForm({ action, scopes }: { action: Action; scopes: ScopeOption[] }) {
  const [state, formAction] = useFormAction(action);
  const groups = [...new Set(scopes.map((s) => s.group))];
  const scopeErrors = errorsOf(state, "scopes");
  return (
    <div className="space-y-4">
      {state?.ok && <NewKey created={state.data} />}
      <form action={formAction} className="space-y-4" noValidate>
        <TextField label="Name" name="name" required maxLength={100} autoComplete="off" hint="Who or what uses it, such as “Website form” or “Zapier”." defaultValue={valueOf(state, "name", "")} error={errorsOf(state, "name")} />
        <fieldset aria-describedby={scopeErrors?.length ? "scope-errors" : undefined}>
          <legend className="text-sm font-medium">Permissions</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">The key can do only what is ticked.</p>
          <div className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {groups.map((group) => (
              <div key={group} role="group" aria-label={group} className="space-y-1">
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{group}</p>
                {scopes
                  .filter((s) => s.group === group)
                  .map((s) => (
                    <label key={s.value} className="flex items-start gap-2 text-sm">
                      <input type="checkbox" name="scopes" value={s.value} className="mt-1 h-4 w-4 rounded border-slate-400" />
                      <span>
                        <code className="text-xs">{s.value}</code>
                        {s.label !== s.value && <span className="block text-xs text-slate-600 dark:text-slate-400">{s.label}</span>}
                      </span>
                    </label>
                  ))}
              </div>
            ))}
          </div>
          {scopeErrors?.length ? (
            <ul id="scope-errors" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {scopeErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        {state && !state.ok && <FormMessage state={state} />}
        <SubmitButton>Create key</SubmitButton>
      </form>
    </div>
  );
}

function NewKey({ created }: { created: Created }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-950 dark:border-green-800 dark:bg-green-950 dark:text-green-100">
      <p className="font-medium">Key “{created.name}” created. Copy it now: it is not shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">
          {created.secret}
        </code>
        <button
          type="button"
          className="rounded-md border border-green-400 px-2 py-1 text-xs font-medium"
          onClick={() => navigator.clipboard?.writeText(created.secret).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="mt-2 text-xs">Send it as <code>Authorization: Bearer {created.prefix}…</code> to this workspace’s address.</p>
    </div>
  );
}
