"use client";

import { useEffect } from "react";
import type { ActionResult } from "@/lib/core/errors-response";
import { applyTheme, type Theme } from "@/lib/preferences/theme";
import { FormMessage, SubmitButton } from "./form-controls";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf } from "./use-form-action";

export type ProfileFormValues = {
  name: string;
  email: string;
  phone: string | null;
  theme: Theme;
  notifications: { email: boolean; sms: boolean; push: boolean };
  defaultView: string;
};

const THEME_OPTIONS = [
  { value: "auto", label: "Automatic (follow the system)" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];
const VIEW_OPTIONS = [
  { value: "dashboard", label: "Dashboard" },
  { value: "leads", label: "Leads" },
];

export function ProfileForm({ profile, action }: { profile: ProfileFormValues; action: (prev: unknown, form: FormData) => Promise<ActionResult<{ theme: Theme }>> }) {
  const [state, formAction] = useFormAction(action);
  useEffect(() => {
    if (state?.ok) applyTheme(state.data.theme);
  }, [state]);
  const failed = state && !state.ok;
  const checked = (name: string, stored: boolean) => (failed ? name in state.values : stored);

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" autoComplete="name" required defaultValue={valueOf(state, "name", profile.name)} error={errorsOf(state, "name")} />
        <TextField label="E-mail" name="email_display" defaultValue={profile.email} readOnly disabled hint="Your sign-in address; an admin can invite a new one." />
        <TextField label="Phone" name="phone" type="tel" autoComplete="tel" defaultValue={valueOf(state, "phone", profile.phone)} error={errorsOf(state, "phone")} hint="Optional, such as (555) 123-4567." />
        <SelectField label="Theme" name="theme" options={THEME_OPTIONS} defaultValue={valueOf(state, "theme", profile.theme)} error={errorsOf(state, "theme")} />
        <SelectField
          label="Start page"
          name="default_view"
          options={VIEW_OPTIONS}
          defaultValue={valueOf(state, "default_view", VIEW_OPTIONS.some((o) => o.value === profile.defaultView) ? profile.defaultView : "dashboard")}
          error={errorsOf(state, "default_view")}
          hint="Where the workspace opens for you."
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Notify me by</legend>
        <CheckboxField label="E-mail" name="notify_email" defaultChecked={checked("notify_email", profile.notifications.email)} />
        <CheckboxField label="Text message" name="notify_sms" defaultChecked={checked("notify_sms", profile.notifications.sms)} />
        <CheckboxField label="Browser notification" name="notify_push" defaultChecked={checked("notify_push", profile.notifications.push)} />
      </fieldset>
      <FormMessage state={state} success="Your profile was saved." />
      <SubmitButton>Save profile</SubmitButton>
    </form>
  );
}
