"use client";

import type { ActionResult } from "@/lib/core/errors-response";
import { FormMessage, SubmitButton, TextField } from "./form-controls";
import { errorsOf, useFormAction } from "./use-form-action";

export function PasswordForm({ hasPassword, action }: { hasPassword: boolean; action: (prev: unknown, form: FormData) => Promise<ActionResult<{ changed: boolean }>> }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        {hasPassword && <TextField label="Current password" name="current" type="password" autoComplete="current-password" required errors={errorsOf(state, "current")} />}
        <TextField label="New password" name="next" type="password" autoComplete="new-password" required minLength={10} errors={errorsOf(state, "next")} hint="At least 10 characters." />
        <TextField label="Repeat new password" name="confirm" type="password" autoComplete="new-password" required errors={errorsOf(state, "confirm")} />
      </div>
      <FormMessage state={state} success="Your password was changed." />
      <SubmitButton>{hasPassword ? "Change password" : "Set a password"}</SubmitButton>
    </form>
  );
}
