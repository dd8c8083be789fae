"use client";

import { FormMessage, SubmitButton } from "@/components/settings/form-controls";
import { SelectField, TextField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf } from "@/components/settings/use-form-action";
import type { ActionResult } from "@/lib/core/errors-response";
import { ROLE_OPTIONS } from "./role-options";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ email: string; role: string }>>;

export function InviteForm({ action, disabled }: { action: Action; disabled?: boolean }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <TextField label="E-mail address" name="email" type="email" autoComplete="off" required defaultValue={valueOf(state, "email", "")} error={errorsOf(state, "email")} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue={valueOf(state, "role", "acquisition_rep")} error={errorsOf(state, "role")} />
      </div>
      <FormMessage state={state} success={state?.ok ? `Invitation sent to ${state.data.email}. The link works once, for 7 days.` : undefined} />
      <SubmitButton disabled={disabled}>Send invitation</SubmitButton>
    </form>
  );
}
