"use client";

import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/core/errors-response";
import { ROLE_OPTIONS } from "./role-options";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

function Save() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800">
      Change
    </button>
  );
}

/** A member's role: choose, then press Change (no change on select, so the keyboard stays in control). */
export function RoleForm({ action, userId, role, name }: { action: Action; userId: string; role: string; name: string }) {
  const [state, formAction] = useActionState(async (prev: unknown, form: FormData) => action(prev, form), null);
  const id = useId();
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="sr-only">
        Role of {name}
      </label>
      <select id={id} name="role" defaultValue={role} key={role} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900">
        {ROLE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Save />
      <span role="status" className={`text-xs ${state && !state.ok ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-300"}`}>
        {state ? (state.ok ? state.data.message : state.error) : ""}
      </span>
    </form>
  );
}
