"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/core/errors-response";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ message: string }>>;

function Button({ children, danger, label, autoFocus }: { children: React.ReactNode; danger?: boolean; label?: string; autoFocus?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      // Keyboard focus moves to the confirmation the person just asked for.
      autoFocus={autoFocus}
      disabled={pending}
      aria-label={label}
      className={`rounded-md border px-2 py-1 text-xs font-medium disabled:opacity-60 ${
        danger
          ? "border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-400 dark:hover:bg-red-950"
          : "border-slate-300 text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800"
      }`}
    >
      {children}
    </button>
  );
}

/**
 * A one-button form for a row (resend, revoke, deactivate...). `confirm` asks once more inline
 * before acting; the outcome is announced next to the button.
 */
export function RowAction({
  action,
  fields,
  children,
  label,
  confirm,
  danger,
}: {
  action: Action;
  fields: Record<string, string>;
  children: React.ReactNode;
  label?: string;
  confirm?: string;
  danger?: boolean;
}) {
  const [state, formAction] = useActionState(async (prev: unknown, form: FormData) => action(prev, form), null);
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    // Back from the confirmation: focus returns to the button that opened it.
    if (wasAsking.current && !asking) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const hidden = Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  return (
    <div className="inline-flex flex-wrap items-center gap-2">
      {confirm && !asking ? (
        <button
          ref={trigger}
          type="button"
          aria-label={label}
          onClick={() => setAsking(true)}
          className={`rounded-md border px-2 py-1 text-xs font-medium ${danger ? "border-red-300 text-red-700 dark:border-red-800 dark:text-red-400" : "border-slate-300 dark:border-slate-700"}`}
        >
          {children}
        </button>
      ) : (
        <form action={formAction} onSubmit={() => setAsking(false)} className="inline-flex items-center gap-2">
          {hidden}
          {confirm && <span className="text-xs">{confirm}</span>}
          <Button danger={danger} label={confirm ? undefined : label} autoFocus={Boolean(confirm)}>
            {confirm ? "Yes" : children}
          </Button>
          {confirm && (
            <button type="button" onClick={() => setAsking(false)} className="rounded-md px-2 py-1 text-xs underline">
              Cancel
            </button>
          )}
        </form>
      )}
      <span role="status" className={`text-xs ${state && !state.ok ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-300"}`}>
        {state ? (state.ok ? state.data.message : state.error) : ""}
      </span>
    </div>
  );
}
