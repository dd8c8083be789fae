"use client";

import { useEffect } from "react";
import type { ActionResult } from "@/lib/core/errors-response";
import type { CustomDomainStatus } from "@/lib/settings/domain-verification";
import { FEATURE_LABELS, type FeatureKey } from "@/lib/settings/feature-keys";
import { FormMessage, SubmitButton } from "./form-controls";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { errorsOf, useFormAction, valueOf } from "./use-form-action";

type Action<R = { saved: boolean }> = (prev: unknown, form: FormData) => Promise<ActionResult<R>>;

export function CompanyProfileForm({ action, values }: { action: Action; values: { name: string; contactName: string; contactEmail: string; billingAddress: string } }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Company name" name="name" required autoComplete="organization" defaultValue={valueOf(state, "name", values.name)} error={errorsOf(state, "name")} />
        <TextField label="Billing contact" name="contact_name" autoComplete="name" defaultValue={valueOf(state, "contact_name", values.contactName)} error={errorsOf(state, "contact_name")} />
        <TextField label="Billing e-mail" name="contact_email" type="email" autoComplete="email" defaultValue={valueOf(state, "contact_email", values.contactEmail)} error={errorsOf(state, "contact_email")} />
        <TextField label="Billing address" name="billing_address" autoComplete="street-address" defaultValue={valueOf(state, "billing_address", values.billingAddress)} error={errorsOf(state, "billing_address")} />
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
        error={errorsOf(state, "subdomain")}
        hint={`Your workspace address: subdomain.${appDomain}. Changing it moves everyone to the new address; old links stop working.`}
      />
      <FormMessage state={state} success="Moved. Taking you to the new address..." />
      <SubmitButton>Change subdomain</SubmitButton>
    </form>
  );
}

const DOMAIN_SAVED = {
  pending: "Saved. Add the DNS records below, then verify the domain.",
  verified: "Custom domain saved.",
  removed: "Custom domain removed.",
};

/**
 * The custom domain: a new one waits for its DNS records (a TXT record proving control, a CNAME
 * sending visitors here) and serves the workspace once verified. Plans without custom domains see
 * which plan has them instead of the form (and can still remove a domain they kept).
 */
export function CustomDomainForm({
  action,
  verifyAction,
  status,
  canChangePlan,
}: {
  action: Action<{ status: keyof typeof DOMAIN_SAVED }>;
  verifyAction: Action<{ domain: string }>;
  status: CustomDomainStatus;
  canChangePlan: boolean;
}) {
  const [state, formAction] = useFormAction(action);
  const { pending } = status;
  const removeForm = (
    <form action={formAction}>
      <input type="hidden" name="domain" value="" />
      <SubmitButton variant="danger">Remove custom domain</SubmitButton>
    </form>
  );

  if (!status.allowed) {
    return (
      <div className="space-y-3" data-testid="custom-domain">
        <h3 className="text-sm font-medium">Custom domain</h3>
        <p role="note" className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">
          Custom domains are an {status.includedIn} feature: your workspace is on the {status.plan} plan.{" "}
          {canChangePlan ? "Change the plan above to use your own domain." : "An admin who manages billing can change the plan."}
        </p>
        {(status.domain || pending) && (
          <>
            <p className="text-sm">
              Still connected: <strong>{status.domain ?? pending?.domain}</strong>
            </p>
            {removeForm}
          </>
        )}
        <FormMessage state={state} success={state?.ok ? DOMAIN_SAVED[state.data.status] : undefined} />
      </div>
    );
  }

  return (
    <div className="space-y-4" data-testid="custom-domain">
      <form action={formAction} className="space-y-4" noValidate>
        <TextField
          label="Custom domain"
          name="domain"
          autoComplete="off"
          spellCheck={false}
          placeholder="crm.yourcompany.com"
          defaultValue={valueOf(state, "domain", pending?.domain ?? status.domain)}
          error={errorsOf(state, "domain")}
          hint="A domain of your company's for this workspace. You will add two DNS records to prove it is yours. Leave empty to remove it."
        />
        {status.domain && (
          <p className="text-sm" data-testid="custom-domain-live">
            <strong>{status.domain}</strong> is verified and opens this workspace.
          </p>
        )}
        <FormMessage state={state} success={state?.ok ? DOMAIN_SAVED[state.data.status] : undefined} />
        <SubmitButton>Save custom domain</SubmitButton>
      </form>
      {/* Keyed by the domain at stake: a new domain starts without the last one's verify message. */}
      <DomainVerification key={pending?.domain ?? status.domain ?? ""} action={verifyAction} pending={pending} liveDomain={status.domain} />
      {(status.domain || pending) && removeForm}
    </div>
  );
}

/** The records a pending domain needs, its Verify button and the outcome of the last check. */
function DomainVerification({ action, pending, liveDomain }: { action: Action<{ domain: string }>; pending: CustomDomainStatus["pending"]; liveDomain: string | null }) {
  const [state, verify] = useFormAction(action);
  return (
    <>
      {pending && (
        <div className="space-y-3 rounded-md border border-slate-300 p-4 text-sm dark:border-slate-700" data-testid="custom-domain-pending">
          {pending.taken ? (
            <p className="font-medium text-red-700 dark:text-red-400">
              {pending.domain} is now used by another workspace, which proved control of it first. Remove it or choose another domain.
            </p>
          ) : (
            <p>
              <strong>{pending.domain}</strong> is waiting for verification. Add these records at your DNS provider:
            </p>
          )}
          <table className="w-full table-fixed text-left">
            <thead>
              <tr className="text-slate-600 dark:text-slate-400">
                <th scope="col" className="w-16 py-1 font-medium">
                  Type
                </th>
                <th scope="col" className="py-1 font-medium">
                  Name
                </th>
                <th scope="col" className="py-1 font-medium">
                  Value
                </th>
              </tr>
            </thead>
            <tbody className="font-mono text-xs">
              <tr>
                <td className="py-1 align-top">TXT</td>
                <td className="break-all py-1 pr-2 align-top" data-testid="txt-name">
                  {pending.txtName}
                </td>
                <td className="break-all py-1 align-top" data-testid="txt-value">
                  {pending.txtValue}
                </td>
              </tr>
              <tr>
                <td className="py-1 align-top">CNAME</td>
                <td className="break-all py-1 pr-2 align-top">{pending.domain}</td>
                <td className="break-all py-1 align-top">{pending.cnameTarget}</td>
              </tr>
            </tbody>
          </table>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            The TXT record proves the domain is yours; the CNAME sends its visitors here.{" "}
            {liveDomain ? `${liveDomain} keeps working until ${pending.domain} is verified.` : "The domain opens this workspace once verified."} DNS changes can take
            from a few minutes to a few hours to show.
          </p>
          <form action={verify}>
            <SubmitButton variant="secondary">Verify domain</SubmitButton>
          </form>
        </div>
      )}
      <FormMessage state={state} success={state?.ok ? `${state.data.domain} is verified: it now opens this workspace.` : undefined} />
    </>
  );
}

type FeatureRow = { key: FeatureKey; on: boolean; allowed: boolean; available: boolean };

/**
 * The switches of features that are built, and, apart, the features that are not: named as "Not
 * available yet", never shown as on (texts, calls, automations and analytics looked switched on
 * while none of them existed). Their stored switches are kept as they are.
 */
export function FeatureSwitchesForm({ action, features, planLabel }: { action: Action; features: FeatureRow[]; planLabel: string }) {
  const [state, formAction] = useFormAction(action);
  const failed = state && !state.ok;
  const ready = features.filter((f) => f.available);
  const later = features.filter((f) => !f.available);
  return (
    <div className="space-y-6">
      {ready.length > 0 && (
        <form action={formAction} className="space-y-4" noValidate>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="sr-only">Features</legend>
            {ready.map((f) => (
              <div key={f.key}>
                {!f.allowed && f.on && <input type="hidden" name={f.key} value="on" />}
                <CheckboxField
                  label={FEATURE_LABELS[f.key].label}
                  name={f.key}
                  defaultChecked={failed ? f.key in state.values : f.on}
                  disabled={!f.allowed}
                  hint={f.allowed ? FEATURE_LABELS[f.key].description : `${FEATURE_LABELS[f.key].description} Not part of the ${planLabel} plan.`}
                  error={errorsOf(state, f.key)}
                />
              </div>
            ))}
          </fieldset>
          <FormMessage state={state} success="Features saved." />
          <SubmitButton>Save features</SubmitButton>
        </form>
      )}
      {later.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Not available yet</h3>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Still being built: they can be switched on here once they are released.</p>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2" aria-label="Features not available yet">
            {later.map((f) => (
              <li key={f.key} className="rounded-md border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700" data-testid={`feature-${f.key}`}>
                <span className="font-medium">{FEATURE_LABELS[f.key].label}</span>
                <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">Not available yet</span>
                <span className="mt-1 block text-slate-600 dark:text-slate-400">{FEATURE_LABELS[f.key].description}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
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
        hint="Acquisition reps see every lead of the workspace, not only the ones assigned to them."
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
        error={errorsOf(state, "plan")}
        hint="Changing plan applies its seats, lead limit and default feature switches."
      />
      <FormMessage state={state} success="Plan changed." />
      <SubmitButton>Change plan</SubmitButton>
    </form>
  );
}

export function OfferRuleForm({ action, offerRule }: { action: Action<{ offer_rule: number }>; offerRule: number }) {
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Offer rule (percent of ARV)"
        name="offer_rule"
        inputMode="decimal"
        defaultValue={valueOf(state, "offer_rule", String(offerRule))}
        error={errorsOf(state, "offer_rule")}
        hint="The deal analyzer's maximum allowable offer is ARV × this rule − repairs (70% unless you change it)."
      />
      <FormMessage state={state} success="Offer rule saved." />
      <SubmitButton>Save offer rule</SubmitButton>
    </form>
  );
}
