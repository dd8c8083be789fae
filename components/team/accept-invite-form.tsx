"use client";

import { useEffect } from "react";
import { FormMessage, SubmitButton } from "@/components/settings/form-controls";
import { TextField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf } from "@/components/settings/use-form-action";
import type { ActionResult } from "@/lib/core/errors-response";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult<{ next: string }>>;

/** Sign-in starts at a route handler that hands over to the root host: a full page load. */
function useContinueTo(state: { ok: boolean; data?: { next: string } } | null) {
  useEffect(() => {
    if (state?.ok && state.data) window.location.assign(state.data.next);
  }, [state]);
}

export function AcceptInviteForm({ token, email, action }: { token: string; email: string; action: Action }) {
  const [state, formAction] = useFormAction(action);
  useContinueTo(state);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <TextField label="E-mail" name="email_display" defaultValue={email} readOnly disabled autoComplete="username" />
      <TextField label="Your name" name="name" autoComplete="name" required defaultValue={valueOf(state, "name", "")} error={errorsOf(state, "name")} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} error={errorsOf(state, "password")} hint="At least 10 characters." />
      <TextField label="Repeat password" name="confirm" type="password" autoComplete="new-password" required error={errorsOf(state, "confirm")} />
      <FormMessage state={state} success="You joined. Taking you to sign-in..." />
      <SubmitButton className="w-full">Join with a password</SubmitButton>
    </form>
  );
}

export function AcceptWithGoogle({ token, action }: { token: string; action: Action }) {
  const [state, formAction] = useFormAction(action);
  useContinueTo(state);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok && <FormMessage state={state} />}
      <SubmitButton variant="secondary" className="w-full">
        Accept with Google
      </SubmitButton>
    </form>
  );
}
