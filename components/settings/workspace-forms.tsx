"use client";

import { useEffect } from "react";
import type { ActionResult } from "@/lib/errors-response";
import { FEATURE_LABELS, type FeatureKey } from "@/lib/settings/feature-keys";
import { CheckboxField, FormMessage, SelectField, SubmitButton, TextField } from "./form-controls";
import { errorsOf, useFormAction, valueOf } from "./use-form-action";

type Action<R = { saved: boolean }> = (prev: unknown, form: FormData) => Promise<ActionResult<R>>;

export function CompanyProfileForm({ action, values }: { action: Action; values: { name: string; contactName: string; contactEmail: string; billingAddress: string } }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Company name" name="name" required autoComplete="organization" defaultValue={valueOf(state, "name", values.name)} errors={errorsOf(state, "name")} />
        <TextField label="Billing contact" name="contact_name" autoComplete="name" defaultValue={valueOf(state, "contact_name", values.contactName)} errors={errorsOf(state, "contact_name")} />
        <TextField label="Billing e-mail" name="contact_email" type="email" autoComplete="email" defaultValue={valueOf(state, "contact_email", values.contactEmail)} errors={errorsOf(state, "contact_email")} />
        <TextField label="Billing address" name="billing_address" autoComplete="street-address" defaultValue={valueOf(state, "billing_address", values.billingAddress)} errors={errorsOf(state, "billing_address")} />
      </div>
      <FormMessage state={state} success="Company profile saved." />
      <SubmitButton>Save company profile</SubmitButton>
    </form>
  );
}

export function SubdomainForm({ action, subdomain, appDomain }: { action: Action<{ url: string }>; subdomain: string; appDomain: string }) {
  const [state, formAction] = useFormAction(action);
  useEffect(() => {
    // The workspace now lives at another address: continue there.
    if (state?.ok) window.location.assign(state.data.url);
  }, [state]);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Subdomain"
        name="subdomain"
        required
        autoComplete="off"
        spellCheck={false}
        defaultValue={valueOf(state, "subdomain", subdomain)}
        errors={errorsOf(state, "subdomain")}
        hint={`Your workspace address: subdomain.${appDomain}. Changing it moves everyone to the new address; old links stop working.`}
      />
      <FormMessage state={state} success="Moved. Taking you to the new address..." />
      <SubmitButton>Change subdomain</SubmitButton>
    </form>
  );
}

export function CustomDomainForm({ action, domain }: { action: Action; domain: string | null }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Custom domain"
        name="domain"
        autoComplete="off"
        spellCheck={false}
        placeholder="crm.yourcompany.com"
        defaultValue={valueOf(state, "domain", domain)}
        errors={errorsOf(state, "domain")}
        hint="Point a CNAME record of this name at your DealCycle address. Leave empty to remove it."
      />
      <FormMessage state={state} success="Custom domain saved." />
      <SubmitButton>Save custom domain</SubmitButton>
    </form>
  );
}

export function FeatureSwitchesForm({ action, features, planLabel }: { action: Action; features: { key: FeatureKey; on: boolean; allowed: boolean }[]; planLabel: string }) {
  const [state, formAction] = useFormAction(action);
  const failed = state && !state.ok;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Features</legend>
        {features.map((f) => (
          <div key={f.key}>
            {!f.allowed && f.on && <input type="hidden" name={f.key} value="on" />}
            <CheckboxField
              label={FEATURE_LABELS[f.key].label}
              name={f.key}
              defaultChecked={failed ? f.key in state.values : f.on}
              disabled={!f.allowed}
              description={f.allowed ? FEATURE_LABELS[f.key].description : `${FEATURE_LABELS[f.key].description} Not part of the ${planLabel} plan.`}
              errors={errorsOf(state, f.key)}
            />
          </div>
        ))}
      </fieldset>
      <FormMessage state={state} success="Features saved." />
      <SubmitButton>Save features</SubmitButton>
    </form>
  );
}

export function RepsSeeAllLeadsForm({ action, enabled }: { action: Action; enabled: boolean }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <CheckboxField
        label="Reps see all leads"
        name="enabled"
        defaultChecked={state && !state.ok ? "enabled" in state.values : enabled}
        description="Acquisition reps see every lead of the workspace, not only the ones assigned to them."
      />
      <FormMessage state={state} success="Permissions saved." />
      <SubmitButton>Save permissions</SubmitButton>
    </form>
  );
}

export function PlanForm({ action, plan, options }: { action: Action; plan: string; options: { value: string; label: string }[] }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <SelectField
        label="Plan"
        name="plan"
        options={options}
        defaultValue={valueOf(state, "plan", plan)}
        errors={errorsOf(state, "plan")}
        hint="Changing plan applies its seats, lead limit and default feature switches."
      />
      <FormMessage state={state} success="Plan changed." />
      <SubmitButton>Change plan</SubmitButton>
    </form>
  );
}
