"use client";

import { useActionState } from "react";
import { tooLargeForAction } from "@/lib/core/actions/payload-size";
import type { ActionResult } from "@/lib/core/errors-response";

export type FormState<R> = (ActionResult<R> & { values: Record<string, string> }) | null;

/**
 * useActionState for a tenant server action, keeping what was typed: React resets a form after
 * its action runs, so the submitted values come back in the state for the fields' defaults.
 */
export function useFormAction<R>(action: (prev: unknown, form: FormData) => Promise<ActionResult<R>>) {
  return useActionState<FormState<R>, FormData>(async (prev, form) => {
    const values: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = v;
    // Checked here first: text past Next's request limit would get its error page, not a field error.
    const result = tooLargeForAction(form) ?? (await action(prev, form));
    return { ...result, values };
  }, null);
}

/** The value a field shows: what was just submitted, else the stored value. */
export function valueOf(state: FormState<unknown>, name: string, stored: string | number | null | undefined): string {
  if (state && !state.ok && name in state.values) return state.values[name];
  return stored == null ? "" : String(stored);
}

export function errorsOf(state: FormState<unknown>, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}
