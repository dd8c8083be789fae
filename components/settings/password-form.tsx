"use client";

import type { ActionResult } from "@/lib/core/errors-response";
import { FormMessage, SubmitButton } from "./form-controls";
import { TextField } from "@/components/ui/field";
import { errorsOf, useFormAction } from "./use-form-action";

export function PasswordForm({ hasPassword, action }: { hasPassword: boolean; action: (prev: unknown, form: FormData) => Promise<ActionResult<{ changed: boolean }>> }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        {hasPassword && <TextField label="Current password" name="current" type="password" autoComplete="current-password" required error={errorsOf(state, "current")} />}
        <TextField label="New password" name="next" type="password" autoComplete="new-password" required minLength={10} error={errorsOf(state, "next")} hint="At least 10 characters." />
        <TextField label="Repeat new password" name="confirm" type="password" autoComplete="new-password" required error={errorsOf(state, "confirm")} />
      </div>
      <FormMessage state={state} success="Your password was changed." />
      <SubmitButton>{hasPassword ? "Change password" : "Set a password"}</SubmitButton>
    </form>
  );
}
